import "server-only";
import { stat } from "node:fs/promises";
import { checkImage, type ImageFormat } from "./qemu-img";

// `qemu-img check` once per version of a file: an image that passed, or that a copy wrote whole
// and flushed, is known sound until the file changes (its size, mtime or ctime move when anything
// writes it: a running VM, a rebase, a commit). The check is the largest part of an operation's
// start (25-45 ms for a 1 GiB qcow2), and a disk moved back and forth is checked once.

const MAX_REMEMBERED = 10_000;
const known = new Map<string, string>();

/** The file's identity and times, or null when it cannot be read (the check then says why). */
async function version(file: string) {
  const s = await stat(file, { bigint: true }).catch(() => null);
  return s && `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** Records that the file as it is now is a sound image (a copy just made and verified). */
export async function rememberSound(file: string) {
  known.delete(file);
  const current = await version(file);
  if (!current) return;
  known.set(file, current);
  if (known.size > MAX_REMEMBERED) known.delete(known.keys().next().value!);
}

/** What `qemu-img check` finds wrong with the image, or null; skipped when this version already passed. */
export async function checkOnce(file: string, format: ImageFormat): Promise<string | null> {
  const current = await version(file);
  if (current && known.get(file) === current) return null;
  const problem = await checkImage(file, format);
  if (problem === null) await rememberSound(file);
  return problem;
}
