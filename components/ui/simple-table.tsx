import type { ReactNode } from "react";

// A plain, labelled table for short server-rendered lists (the paginated ones use DataTable).
export function SimpleTable({ label, headers, children, className = "w-full" }: { label: string; headers: string[]; children: ReactNode; className?: string }) {
  return (
    <table aria-label={label} className={`${className} rounded border border-slate-200 bg-white text-sm`}>
      <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600">
        <tr>
          {headers.map((header) => (
            <th key={header} className="px-3 py-2">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** The one row shown when a list is empty. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-3 py-4 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}
