// A write that failed because of the domain itself (full, or its device erroring), as opposed to
// a bad request: the job fails and the domain is checked again, with an event naming both.

export type StorageIoCause = "out_of_space" | "io_error";

export class StorageIoError extends Error {
  constructor(
    readonly domainId: string,
    readonly cause: StorageIoCause,
    detail: string,
  ) {
    super(`${cause === "out_of_space" ? "out of space" : "I/O error"}: ${detail}`);
    this.name = "StorageIoError";
  }
}

/** Classifies a failed write on `domainId` (qemu-img reports errno texts, Node reports codes). */
export function storageIoError(error: Error & { code?: string }, domainId: string): Error {
  const text = `${error.code ?? ""} ${error.message}`;
  if (/ENOSPC|No space left on device|EDQUOT|Disk quota exceeded/.test(text)) return new StorageIoError(domainId, "out_of_space", error.message);
  if (/EIO|Input\/output error|EROFS|Read-only file system/.test(text)) return new StorageIoError(domainId, "io_error", error.message);
  return error;
}
