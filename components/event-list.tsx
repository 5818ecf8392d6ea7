import { StatusBadge } from "@/components/ui/status-badge";

interface EventItem {
  id: number;
  createdAt: Date;
  actor: string;
  severity: string;
  message: string;
}

/** The audit log: newest first, with who did it. */
export function EventList({ events }: { events: EventItem[] }) {
  return (
    <table aria-label="Events" className="w-full rounded border border-slate-200 bg-white text-sm">
      <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
        <tr>
          <th className="px-3 py-2">Time (UTC)</th>
          <th className="px-3 py-2">Severity</th>
          <th className="px-3 py-2">User</th>
          <th className="px-3 py-2">Message</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} className="border-t border-slate-100 align-top">
            <td className="whitespace-nowrap px-3 py-1.5">{e.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-1.5">
              <StatusBadge status={e.severity} />
            </td>
            <td className="whitespace-nowrap px-3 py-1.5">{e.actor}</td>
            <td className="px-3 py-1.5">{e.message}</td>
          </tr>
        ))}
        {events.length === 0 && (
          <tr>
            <td colSpan={4} className="px-3 py-4 text-center text-slate-500">
              No events.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
