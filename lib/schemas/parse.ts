import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses domain input with its shared schema; any issue becomes one VALIDATION error listing every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fieldErrors[key] ??= issue.message;
  }
  const summary = Object.entries(fieldErrors).map(([field, message]) => (field === "_" ? message : `${field}: ${message}`));
  throw new AppError("VALIDATION", `Invalid input. ${summary.join("; ")}`, fieldErrors);
}
