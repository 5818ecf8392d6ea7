import { bool } from "./wire-schema";
import { parseInput } from "@/lib/schemas/parse";
import type { RestContext } from "../route";
import type { RestQuery } from "../query";
import type { WireNode } from "../wire/tree";

/**
 * Reads an `<action>` body. The SDKs put `async` and `filter` inside the action rather than
 * in the query, so they are taken out here: `async=false` waits for the job like ?async=false.
 */
export async function readAction(context: RestContext<unknown>): Promise<{ action: WireNode; query: RestQuery }> {
  const { async: asyncValue, filter: _filter, ...action } = await context.body("action");
  const query = asyncValue === undefined ? context.query : { ...context.query, async: parseInput(bool, asyncValue) };
  return { action, query };
}
