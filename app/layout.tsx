import type { Metadata } from "next";
import type { ReactNode } from "react";
import { MainNav } from "@/components/main-nav";
import { LiveRefresh } from "@/components/live-refresh";
import { RunningJobs } from "@/components/running-jobs";
import { jobActivity } from "@/lib/queries/list-jobs";
import "./globals.css";

export const metadata: Metadata = {
  title: "Multistore",
  description: "Virtualization admin portal: every disk on the storage domain you choose",
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <div className="flex min-h-screen">
          <aside className="w-52 shrink-0 border-r border-slate-200 bg-slate-900 text-slate-100">
            <div className="px-4 py-4 text-lg font-semibold tracking-tight">Multistore</div>
            <MainNav />
          </aside>
          <main className="min-w-0 flex-1 px-6 py-5">
            {children}
            <RunningJobs />
          </main>
        </div>
        <LiveRefresh renderedWith={JSON.stringify(await jobActivity())} />
      </body>
    </html>
  );
}
