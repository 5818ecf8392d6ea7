import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { imageioUnixSocket } from "./local-socket";
import { flushImage, imageExtents, openForBrowserDownload, openTicket, readRange, writeAt, zeroRange } from "./image-io";

// imageio's HTTP protocol on /images/{ticket}, as ovirt-imageio's daemon speaks it and its client
// and the SDK's examples use it: OPTIONS for the features, GET with Range, PUT with Content-Range,
// PATCH zero and flush, GET …/extents. Served by the portal itself (the browser's uploads) and by
// the TLS listener that transfer_url names (imageio-server.ts). Requests and replies are plain
// Node streams here: the TLS listener moves gigabytes and skips the web-stream conversions.

export interface ImageRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: AsyncIterable<Uint8Array> | null;
}

export interface ImageReply {
  status: number;
  headers: Record<string, string>;
  body: Readable | string | null;
}

const ALLOW = "OPTIONS, GET, PUT, PATCH";
/**
 * Connections a client may use at once on one ticket, as imageio's file backend allows: its
 * client then sends ranges on 4 connections (measured with its upload() of 1 GiB: 3.1–3.5 s
 * against 3.9–5.5 s on one). Writes land at their own offsets, so they need no ordering.
 */
const MAX_CONNECTIONS = 8;

const patchSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("zero"), offset: z.number().int().min(0), size: z.number().int().min(0), flush: z.boolean().default(false) }),
  z.object({ op: z.literal("flush") }),
]);

const json = (value: unknown, headers: Record<string, string> = {}): ImageReply => ({ status: 200, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(value) });
const ok = (): ImageReply => ({ status: 200, headers: { "Content-Length": "0" }, body: null });

export async function handleImageRequest(request: ImageRequest, ticket: string, rest: string[]): Promise<ImageReply> {
  try {
    if (rest.length === 1 && rest[0] === "extents" && request.method === "GET") return await extents(request, ticket);
    if (rest.length) throw new AppError("NOT_FOUND", "No such resource.");
    switch (request.method) {
      case "OPTIONS":
        return await options(ticket);
      case "GET":
        return await read(request, ticket);
      case "PUT":
        return await write(request, ticket);
      case "PATCH":
        return await patch(request, ticket);
      default:
        return { status: 405, headers: { Allow: ALLOW, "Content-Type": "text/plain" }, body: `Method ${request.method} is not allowed.\n` };
    }
  } catch (error) {
    if (!isAppError(error)) console.error("imageio request failed", error);
    const status = isAppError(error) ? error.httpStatus : 500;
    return { status, headers: { "Content-Type": "text/plain" }, body: `${(error as Error).message}\n` };
  }
}

/**
 * The same for the portal's own route handler (web Request and Response), which serves the
 * browser. Next.js sends these replies chunked, without Content-Length, which imageio's client
 * requires of a 206: clients get transfer_url and proxy_url on the TLS listener instead.
 */
export async function handleWebRequest(request: Request, ticket: string, rest: string[]): Promise<Response> {
  const body = request.body as AsyncIterable<Uint8Array> | null;
  const reply = await handleImageRequest({ method: request.method, url: new URL(request.url), headers: request.headers, body }, ticket, rest);
  const payload = reply.body instanceof Readable ? (Readable.toWeb(reply.body) as ReadableStream<Uint8Array>) : reply.body;
  return new Response(payload, { status: reply.status, headers: reply.headers });
}

async function options(ticket: string) {
  const transfer = await openTicket(ticket, "any");
  const upload = transfer.direction === "upload";
  const features = upload ? ["extents", "zero", "flush"] : ["extents"];
  // unix_socket: where a client on this host reaches the same endpoint without TLS (imageio's field).
  const local = imageioUnixSocket();
  return json({ features, max_readers: MAX_CONNECTIONS, max_writers: MAX_CONNECTIONS, ...(local ? { unix_socket: local } : {}) }, { Allow: upload ? ALLOW : "OPTIONS, GET" });
}

async function extents(request: ImageRequest, ticket: string) {
  const transfer = await openTicket(ticket, "any");
  // Dirty extents belong to incremental backups, which tickets here never serve (imageio's answer).
  if ((request.url.searchParams.get("context") ?? "zero") !== "zero") throw new AppError("NOT_FOUND", "Ticket does not support dirty extents.");
  return json(await imageExtents(transfer));
}

async function read(request: ImageRequest, ticket: string): Promise<ImageReply> {
  const attachment = request.url.searchParams.get("attachment");
  const browser = attachment ? await openForBrowserDownload(ticket) : null;
  const transfer = browser?.transfer ?? (await openTicket(ticket, "any"));
  const range = request.headers.get("range");
  let [start, end] = [0, transfer.size - 1];
  if (range) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!match || (!match[1] && !match[2])) throw new AppError("RANGE", `Cannot read range ${range}.`);
    if (match[1]) [start, end] = [Number(match[1]), match[2] ? Math.min(Number(match[2]), transfer.size - 1) : transfer.size - 1];
    else [start, end] = [Math.max(0, transfer.size - Number(match[2])), transfer.size - 1];
  }
  if (transfer.size === 0) return ok();
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream", "Content-Length": String(end - start + 1) };
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${transfer.size}`;
  if (attachment) headers["Content-Disposition"] = `attachment; filename="${attachment.replace(/[^\w.-]/g, "_")}"`;
  return { status: range ? 206 : 200, headers, body: readRange(transfer, start, end, browser && !range ? browser.finalize : undefined) };
}

async function write(request: ImageRequest, ticket: string) {
  const transfer = await openTicket(ticket, "upload");
  const lengthHeader = request.headers.get("content-length");
  const contentRange = request.headers.get("content-range");
  let offset = 0;
  let length = lengthHeader === null ? Number.NaN : Number(lengthHeader);
  if (contentRange) {
    const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(contentRange.trim());
    if (!match) throw new AppError("VALIDATION", `Invalid Content-Range: ${contentRange}`);
    offset = Number(match[1]);
    const rangeLength = Number(match[2]) - offset + 1;
    if (Number.isNaN(length)) length = rangeLength;
    else if (length !== rangeLength) throw new AppError("VALIDATION", `Content-Length ${length} does not match Content-Range ${contentRange}.`);
  }
  if (!Number.isInteger(length) || length < 0) throw new AppError("VALIDATION", "A PUT needs Content-Length (or Content-Range).");
  const flush = request.url.searchParams.get("flush") !== "n";
  await writeAt(transfer, offset, length, request.body ?? emptyBody(), flush);
  return ok();
}

async function patch(request: ImageRequest, ticket: string) {
  const transfer = await openTicket(ticket, "upload");
  const parsed = patchSchema.safeParse(await readJson(request.body));
  if (!parsed.success) throw new AppError("VALIDATION", 'A PATCH takes {"op": "zero", "offset", "size"} or {"op": "flush"}.');
  if (parsed.data.op === "zero") await zeroRange(transfer, parsed.data.offset, parsed.data.size, parsed.data.flush);
  else await flushImage(transfer);
  return ok();
}

async function readJson(body: AsyncIterable<Uint8Array> | null) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body ?? emptyBody()) {
    size += chunk.byteLength;
    if (size > 64 * 1024) return null; // a PATCH body is a few dozen bytes
    chunks.push(Buffer.from(chunk));
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
