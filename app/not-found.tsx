import Link from "next/link";

// A path the portal does not have.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-16">
      <h1 className="text-lg font-semibold">Multistore: page not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is no page at this address.</p>
      <p className="mt-4 text-sm">
        <Link className="text-sky-800 underline" href="/">
          Go to the portal
        </Link>
      </p>
    </main>
  );
}
