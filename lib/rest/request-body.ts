import { AppError } from "@/lib/errors";
import { bodyFormat } from "./negotiate";
import { parseJson } from "./wire/json";
import { parseXml } from "./wire/xml";
import type { WireNode } from "./wire/tree";

// No oVirt request body comes near this; refusing larger ones keeps a client from making the
// server parse megabytes.
const MAX_BODY_BYTES = 256 * 1024;

/** Reads a request body in either form; an empty body is an empty element (`<action/>`). */
export async function readBody(request: Request, root: string): Promise<WireNode> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  if (!text.trim()) return {};
  return bodyFormat(request.headers.get("content-type")) === "json" ? parseJson(text) : parseXml(text, root);
}

function tooLarge() {
  return new AppError("VALIDATION", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
}
