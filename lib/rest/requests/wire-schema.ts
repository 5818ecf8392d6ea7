import { z } from "zod";

// zod building blocks for request bodies as both wire forms arrive: every leaf a string,
// a repeated element an array, a single one an object, an empty one "". Bodies are strict:
// an element this API does not know is a 400, never silently dropped.

export const text = z.string();

export const bool = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");

export const count = z
  .string()
  .regex(/^\d{1,20}$/, "must be a whole number")
  .transform(Number)
  .refine(Number.isSafeInteger, "is too large");

const emptyAsNode = (value: unknown) => (value === "" ? {} : value);

/** An element with child elements (or attributes); `<x/>` counts as an empty one. */
export function element<S extends z.ZodRawShape>(shape: S) {
  return z.preprocess(emptyAsNode, z.strictObject(shape));
}

/** `<storage_domains><storage_domain/>…</storage_domains>` → an array of items. */
export function listOf<T extends z.ZodType>(item: string, schema: T) {
  const wrapper = z.strictObject({ [item]: z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(schema)).optional() });
  return z.preprocess(emptyAsNode, wrapper).transform((value) => ((value as Record<string, z.output<T>[] | undefined>)[item] ?? []) as z.output<T>[]);
}

/** A reference to an existing entity, by id (as the SDKs send) or by name (as people type). */
export const reference = element({ id: text.optional(), href: text.optional(), name: text.optional() }).refine((r) => r.id || r.name, "needs an id or a name");
export type Reference = z.output<typeof reference>;

/** `<storage_domains>` where exactly one domain is meant (a disk lives on one). */
export const oneStorageDomain = listOf("storage_domain", reference).refine((list) => list.length <= 1, "a disk goes on one storage domain");
