import { parseInput } from "@/lib/schemas/parse";
import type { WireNode } from "../wire/tree";
import { element } from "./wire-schema";

/** Actions that take no options (`<action/>`): anything inside is a 400 rather than ignored. */
export function parseEmptyAction(node: WireNode) {
  parseInput(element({}), node);
}
