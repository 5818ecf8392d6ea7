import Link from "next/link";
import { PageHeader } from "@/components/page-header";

// An unknown VM, template, disk or domain id: said inside the portal, with the navigation.
export default function PortalNotFound() {
  return (
    <>
      <PageHeader title="Not found" subtitle="Nothing here has that id: it may have been removed, or you have no permission on it." />
      <p className="text-sm">
        <Link className="text-sky-800 underline" href="/">
          Back to the overview
        </Link>
      </p>
    </>
  );
}
