import { EmptyRow, SimpleTable } from "@/components/ui/simple-table";
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
    <SimpleTable label="Events" headers={["Time (UTC)", "Severity", "User", "Message"]}>
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
          <EmptyRow columns={4}>No events.</EmptyRow>
        )}
      </SimpleTable>
  );
}
