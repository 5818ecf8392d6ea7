import { parseInput } from "@/lib/schemas/parse";
import type { WireNode } from "../wire/tree";
import { z } from "zod";
import { bool, element, text } from "./wire-schema";

/** `<action><succeeded>false</succeeded><force>…</force></action>`; succeeded defaults to true, as in the engine. */
export function parseEndJob(node: WireNode) {
  const { succeeded, force: _force } = parseInput(element({ succeeded: bool.optional(), force: bool.optional() }), node);
  return { succeeded: succeeded ?? true };
}

// POST /jobs and /jobs/{id}/steps, as ovirt_job sends them: only external ones can be added.
const externalWire = {
  description: text,
  status: z.literal("started", { error: "a new external job or step is started" }).optional(),
  external: bool.refine((v) => v, "only external jobs and steps can be added").optional(),
};

export function parseExternalJob(node: WireNode) {
  const { description } = parseInput(element({ ...externalWire, auto_cleared: bool.optional() }), node);
  return { description };
}

export function parseExternalStep(node: WireNode) {
  const { description } = parseInput(element({ ...externalWire, type: text.optional(), job: element({ id: text.optional(), href: text.optional() }).optional() }), node);
  return { description };
}
