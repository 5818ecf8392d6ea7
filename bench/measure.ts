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
