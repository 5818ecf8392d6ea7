import { execFileSync } from "node:child_process";

export async function seconds(work: () => Promise<unknown> | unknown) {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function sh(command: string, args: string[]) {
  execFileSync(command, args, { stdio: "ignore" });
}

export function report(name: string, value: string, target: string, ok: boolean) {
  console.log(`${ok ? "ok  " : "MISS"} ${name}: ${value} (target ${target})`);
}

/** A latency series (ms) against its p50 and p95 targets. */
export function reportPercentiles(name: string, measured: number[], p50Target: number, p95Target: number) {
  const [p50, p95] = [percentile(measured, 50), percentile(measured, 95)];
  report(name, `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`, `p50 <= ${p50Target} ms, p95 <= ${p95Target} ms`, p50 <= p50Target && p95 <= p95Target);
}
