import { contentTypeOf, type WireFormat } from "./negotiate";
import type { RestReply } from "./reply";
import type { RestFailure } from "./fault";
import { jsonCollection, renderJson } from "./wire/json";
import { renderXml, xmlCollection } from "./wire/xml";
import type { OutDocument } from "./wire/tree";

// Turns a reply into an HTTP response. Every body carries its Content-Type: the Python SDK
// crashes on a body without one.

function body(document: OutDocument, format: WireFormat) {
  return format === "json" ? renderJson(document) : renderXml(document);
}

export function renderReply(reply: RestReply, format: WireFormat, origin: string) {
  const headers: Record<string, string> = { "Content-Type": contentTypeOf[format] };
  if (reply.location) headers.Location = `${origin}${reply.location}`;
  const content = reply.stream ? streamedCollection(reply.document.root, reply.stream, format) : body(reply.document, format);
  return new Response(content, { status: reply.status, headers });
}

/** The collection's body, written as the client reads it: one batch of rows in memory at a time. */
function streamedCollection(root: string, stream: NonNullable<RestReply["stream"]>, format: WireFormat) {
  const encoder = new TextEncoder();
  const batches = stream.batches[Symbol.asyncIterator]();
  let state: "open" | "first" | "more" = "open";
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (state === "open") {
        controller.enqueue(encoder.encode(format === "json" ? jsonCollection.open(stream.item) : xmlCollection.open(root)));
        state = "first";
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode(format === "json" ? jsonCollection.close() : xmlCollection.close(root)));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(format === "json" ? jsonCollection.items(next.value, state === "first") : xmlCollection.items(stream.item, next.value)));
      state = "more";
    },
    async cancel() {
      await batches.return?.(undefined);
    },
  });
}

export function renderFailure(failure: RestFailure, format: WireFormat) {
  return new Response(body(failure.document, format), { status: failure.status, headers: { ...failure.headers, "Content-Type": contentTypeOf[format] } });
}
