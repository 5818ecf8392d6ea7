import { randomUUID } from "node:crypto";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { MainNav } from "@/components/main-nav";
import { LiveRefresh } from "@/components/live-refresh";
import { RunningJobs } from "@/components/running-jobs";
import { UserMenu } from "@/components/user-menu";
import { jobActivity } from "@/lib/queries/list-jobs";
import { currentActor } from "@/app/_lib/current-actor";
import { logoutAction } from "@/app/actions/session-actions";
import { cancelJobAction } from "@/app/actions/job-actions";

export const dynamic = "force-dynamic";

// Every portal page: logged in (or sent to /login), with the navigation and the tasks panel.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-slate-900 text-slate-100">
        <div className="px-4 py-4 text-lg font-semibold tracking-tight">Multistore</div>
        <MainNav />
        <UserMenu logoutAction={logoutAction} name={actor.name} />
      </aside>
      <main className="min-w-0 flex-1 px-6 py-5">
        {children}
        <RunningJobs actor={actor} cancelAction={cancelJobAction} />
      </main>
      <LiveRefresh renderedWith={JSON.stringify(await jobActivity())} renderId={randomUUID()} />
      <Toaster position="bottom-right" richColors closeButton />
    </div>
  );
}
