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
  const text = await readLimited(request);
  if (!text.trim()) return {};
  const contentType = request.headers.get("content-type");
  const format = bodyFormat(contentType);
  if (!format) throw new AppError("UNSUPPORTED_MEDIA_TYPE", `A request body must be application/xml or application/json, not ${contentType ?? "unlabelled"}.`);
  return format === "json" ? parseJson(text) : parseXml(text, root);
}

/** The body as text, reading no further than the limit (a chunked body declares no length). */
async function readLimited(request: Request) {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge() {
  return new AppError("VALIDATION", `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB.`);
}
