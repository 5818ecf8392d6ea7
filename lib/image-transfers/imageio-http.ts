import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { flushImage, imageExtents, openForBrowserDownload, openTicket, readRange, writeAt, zeroRange } from "./image-io";

// imageio's HTTP protocol on /images/{ticket}, as ovirt-imageio's daemon speaks it and its client
// and the SDK's examples use it: OPTIONS for the features, GET with Range, PUT with Content-Range,
// PATCH zero and flush, GET …/extents. Served by the portal itself (the browser's uploads) and by
// the TLS listener that transfer_url names (imageio-server.ts).

const patchSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("zero"), offset: z.number().int().min(0), size: z.number().int().min(0), flush: z.boolean().default(false) }),
  z.object({ op: z.literal("flush") }),
]);

export async function handleImageRequest(request: Request, ticket: string, rest: string[]): Promise<Response> {
  try {
    if (rest.length === 1 && rest[0] === "extents" && request.method === "GET") {
      return Response.json(await imageExtents(await openTicket(ticket, "any")));
    }
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
        return new Response(`Method ${request.method} is not allowed.\n`, { status: 405, headers: { Allow: "OPTIONS, GET, PUT, PATCH" } });
    }
  } catch (error) {
    if (!isAppError(error)) console.error("imageio request failed", error);
    const status = isAppError(error) ? error.httpStatus : 500;
    return new Response(`${(error as Error).message}\n`, { status, headers: { "Content-Type": "text/plain" } });
  }
}

async function options(ticket: string) {
  const transfer = await openTicket(ticket, "any");
  const features = transfer.direction === "upload" ? ["extents", "zero", "flush"] : ["extents"];
  return Response.json({ features, max_readers: 1, max_writers: 1 }, { headers: { Allow: "OPTIONS, GET, PUT, PATCH" } });
}

async function read(request: Request, ticket: string) {
  const attachment = new URL(request.url).searchParams.get("attachment");
  const browser = attachment ? await openForBrowserDownload(ticket) : null;
  const transfer = browser?.transfer ?? (await openTicket(ticket, "download"));
  const range = request.headers.get("range");
  let [start, end] = [0, transfer.size - 1];
  if (range) {
    const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!match || (!match[1] && !match[2])) throw new AppError("RANGE", `Cannot read range ${range}.`);
    if (match[1]) [start, end] = [Number(match[1]), match[2] ? Math.min(Number(match[2]), transfer.size - 1) : transfer.size - 1];
    else [start, end] = [Math.max(0, transfer.size - Number(match[2])), transfer.size - 1];
  }
  if (transfer.size === 0) return new Response(null, { status: 200, headers: { "Content-Length": "0" } });
  const body = Readable.toWeb(readRange(transfer, start, end, browser && !range ? browser.finalize : undefined)) as ReadableStream<Uint8Array>;
  const headers: Record<string, string> = { "Content-Type": "application/octet-stream", "Content-Length": String(end - start + 1) };
  if (range) headers["Content-Range"] = `bytes ${start}-${end}/${transfer.size}`;
  if (attachment) headers["Content-Disposition"] = `attachment; filename="${attachment.replace(/[^\w.-]/g, "_")}"`;
  return new Response(body, { status: range ? 206 : 200, headers });
}

async function write(request: Request, ticket: string) {
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
  const flush = new URL(request.url).searchParams.get("flush") !== "n";
  await writeAt(transfer, offset, length, (request.body ?? emptyBody()) as AsyncIterable<Uint8Array>, flush);
  return new Response(null, { status: 200 });
}

async function patch(request: Request, ticket: string) {
  const transfer = await openTicket(ticket, "upload");
  const parsed = patchSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("VALIDATION", "A PATCH takes {\"op\": \"zero\", \"offset\", \"size\"} or {\"op\": \"flush\"}.");
  if (parsed.data.op === "zero") await zeroRange(transfer, parsed.data.offset, parsed.data.size, parsed.data.flush);
  else await flushImage(transfer);
  return new Response(null, { status: 200 });
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}
