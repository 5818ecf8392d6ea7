"use client";

// Sends a local image file to an upload transfer's data endpoint (/images/{ticket}) with
// imageio's protocol: 8 MiB ranged PUTs, all-zero chunks as PATCH zero (the disk stays sparse
// and nothing is sent), a flush at the end. The file's own bytes go as they are; the server
// recognises qcow2 or raw and converts to the disk's format.

const CHUNK = 8 << 20;
const QCOW2_MAGIC = 0x514649fb;

/** The image's virtual size, read from a qcow2 header; a raw file is its own size. */
export async function imageFileShape(file: File) {
  const header = new DataView(await file.slice(0, 32).arrayBuffer());
  if (header.byteLength >= 32 && header.getUint32(0) === QCOW2_MAGIC) return { format: "qcow2" as const, virtualSize: Number(header.getBigUint64(24)) };
  return { format: "raw" as const, virtualSize: file.size };
}

function allZero(bytes: Uint8Array) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  for (const word of words) if (word !== 0) return false;
  for (let i = words.length << 2; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

async function check(response: Response) {
  if (!response.ok) throw new Error((await response.text()).trim() || `The data endpoint answered ${response.status}.`);
}

export async function sendImageFile(file: File, ticket: string, onSent: (bytes: number) => void, signal: AbortSignal) {
  const url = `/images/${ticket}`;
  for (let offset = 0; offset < file.size; offset += CHUNK) {
    const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
    if (allZero(bytes)) {
      await check(await fetch(url, { method: "PATCH", signal, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ op: "zero", offset, size: bytes.length }) }));
    } else {
      await check(await fetch(`${url}?flush=n`, { method: "PUT", signal, headers: { "Content-Range": `bytes ${offset}-${offset + bytes.length - 1}/*` }, body: bytes }));
    }
    onSent(offset + bytes.length);
  }
  await check(await fetch(url, { method: "PATCH", signal, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ op: "flush" }) }));
}
