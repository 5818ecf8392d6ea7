import { parseInput } from "@/lib/schemas/parse";
import type { WireNode } from "../wire/tree";
import { bool, element } from "./wire-schema";

/** `<action><succeeded>false</succeeded><force>…</force></action>`; succeeded defaults to true, as in the engine. */
export function parseEndJob(node: WireNode) {
  const { succeeded, force: _force } = parseInput(element({ succeeded: bool.optional(), force: bool.optional() }), node);
  return { succeeded: succeeded ?? true };
}
