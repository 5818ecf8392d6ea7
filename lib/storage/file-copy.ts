import "server-only";
import { spawn } from "node:child_process";
import { stat } from "node:fs/promises";

// A copy of an image file as it is, for a volume that keeps its format, allocation and (no)
// backing file: the file is then already the image the target needs, and copying its bytes was
// measured faster than qemu-img convert, which decodes and re-encodes it (README, "The copy
// engine"). GNU cp skips the source's holes (SEEK_DATA) and leaves zero blocks as holes
// (--sparse=always), as convert does.

const PROGRESS_EVERY_MS = 250;

export async function copyImageFile(options: {
  source: string;
  target: string;
  onProgress?: (percent: number) => void;
  /** Aborting kills the copy (a cancelled job). */
  signal?: AbortSignal;
}): Promise<void> {
  const { source, target, onProgress, signal } = options;
  const total = (await stat(source)).size;
  const child = spawn("cp", ["--sparse=always", "--", source, target], { stdio: ["ignore", "ignore", "pipe"], signal });
  // cp reports nothing as it goes; it writes in order, so the target's size is how far it got.
  const progress = setInterval(() => {
    void stat(target).then(
      (s) => total > 0 && onProgress?.(Math.min(99, (s.size / total) * 100)),
      () => undefined,
    );
  }, PROGRESS_EVERY_MS);
  try {
    await new Promise<void>((resolve, reject) => {
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
      const failed = (error: Error) => reject(signal?.aborted && signal.reason instanceof Error ? signal.reason : error);
      child.on("error", failed);
      child.on("close", (code) => (code === 0 ? resolve() : failed(new Error(`cp failed (${code}): ${stderr.trim()}`))));
    });
  } finally {
    clearInterval(progress);
  }
  onProgress?.(100);
}
