"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

// Each storage domain's space as stacked bars (used, reserved by jobs in flight, free), labelled
// with what its disks could grow to (committed, as GiB and % of the domain: thin overcommit
// shows past 100 %). Used space turns amber under the warning threshold and red under the
// critical one. Committed is a label, not a bar: a 100 TiB thin disk would flatten the rest.

export interface DomainCapacity {
  name: string;
  usedGiB: number;
  reservedGiB: number;
  freeGiB: number;
  /** "committed 56 GiB (140 %)" */
  committedLabel: string;
  /** The same figures as text ("12 GiB"), for the table under the chart. */
  usedText: string;
  freeText: string;
  level: "ok" | "low" | "critical";
}

const USED_COLOR = { ok: "#10b981", low: "#f59e0b", critical: "#ef4444" };

export function DomainCapacityChart({ domains }: { domains: DomainCapacity[] }) {
  const height = 60 + domains.length * 46;
  return (
    <figure aria-label="Storage domain capacity" className="rounded border border-slate-200 bg-white p-2">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={domains} layout="vertical" margin={{ left: 24, right: 200 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" unit=" GiB" tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => `${Number(value).toFixed(1)} GiB`} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="usedGiB" name="Used" stackId="space" fill={USED_COLOR.ok} isAnimationActive={false}>
            {domains.map((d) => (
              <Cell key={d.name} fill={USED_COLOR[d.level]} />
            ))}
          </Bar>
          <Bar dataKey="reservedGiB" name="Reserved by running jobs" stackId="space" fill="#38bdf8" isAnimationActive={false} />
          <Bar dataKey="freeGiB" name="Free" stackId="space" fill="#cbd5e1" isAnimationActive={false}>
            <LabelList dataKey="committedLabel" position="right" style={{ fontSize: 11, fill: "#4338ca" }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      {/* The chart's figures as text, for screen readers and anyone who wants the numbers. */}
      <details className="mt-1 text-xs text-slate-600">
        <summary className="cursor-pointer">Figures</summary>
        <table aria-label="Storage domain capacity figures" className="mt-1">
          <thead>
            <tr>
              <th className="pr-3 text-left">Domain</th>
              <th className="pr-3 text-left">Used</th>
              <th className="pr-3 text-left">Free</th>
              <th className="text-left">Committed</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr key={d.name}>
                <td className="pr-3">{d.name}</td>
                <td className="pr-3">{d.usedText}</td>
                <td className="pr-3">{d.freeText}</td>
                <td>{d.committedLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
