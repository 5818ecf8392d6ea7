// Child process of the image transfer crash test: starts an upload into the given disk, sends
// it 8 MiB of data through the imageio endpoint, reports READY <jobId> <ticket> and then waits to
// be killed (SIGKILL), as a portal that dies mid-upload.
import { db } from "@/lib/db";
import { handleWebRequest } from "@/lib/image-transfers/imageio-http";
import { startTransfer } from "@/lib/image-transfers/start-transfer";
import { admin } from "@/tests/support/fixtures";

const [diskId] = process.argv.slice(2);
const { transferId, ticket, job } = await startTransfer({ direction: "upload", diskId, format: "raw" }, admin);
while ((await db.imageTransfer.findUniqueOrThrow({ where: { id: transferId } })).phase !== "transferring") await new Promise((resolve) => setTimeout(resolve, 20));
const body = Buffer.alloc(8 << 20, 0x77);
const request = new Request(`http://portal/images/${ticket}?flush=y`, { method: "PUT", headers: { "Content-Range": `bytes 0-${body.length - 1}/*` }, body });
const reply = await handleWebRequest(request, ticket, []);
if (reply.status !== 200) throw new Error(`PUT answered ${reply.status}`);
console.log(`READY ${job.id} ${ticket}`);
setInterval(() => undefined, 1000);
