import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { Conventions } from "./_components/conventions";
import { EndpointSection } from "./_components/endpoint-section";
import { endpointGroups } from "./_content/endpoints";

export const metadata: Metadata = { title: "REST API · Multistore" };

/** The reference of the oVirt-compatible REST API (v4) under /ovirt-engine/api. */
export default function ApiDocsPage() {
  const sections = [{ id: "auth", title: "Authentication" }, { id: "conventions", title: "Conventions" }, ...endpointGroups];
  return (
    <>
      <PageHeader
        title="REST API"
        subtitle="oVirt Engine REST API v4, wire-compatible: the oVirt SDKs, Ansible modules and curl work unchanged. Every disk goes to the storage domain named for it."
      />
      <nav aria-label="API sections" className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {sections.map((s) => (
          <a key={s.id} href={`#${s.id}`} className="text-sky-700 hover:underline">
            {s.title}
          </a>
        ))}
      </nav>
      <Conventions />
      {endpointGroups.map((group) => (
        <EndpointSection key={group.id} group={group} />
      ))}
    </>
  );
}
