// The one error type of the domain layer. Transports map `code` to a status once (httpStatus).
export type ErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "STORAGE_DOMAIN_INACTIVE"
  | "INSUFFICIENT_SPACE"
  | "DISK_LOCKED"
  | "VM_NOT_DOWN"
  | "VM_NOT_RUNNING"
  | "TEMPLATE_NOT_ON_DOMAIN"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "STORAGE_FAILURE"
  | "RUNTIME_FAILURE"
  | "UNSUPPORTED_MEDIA_TYPE"
  /** A byte range outside the image (imageio's data endpoint). */
  | "RANGE";

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STORAGE_DOMAIN_INACTIVE: 409,
  INSUFFICIENT_SPACE: 409,
  DISK_LOCKED: 409,
  VM_NOT_DOWN: 409,
  VM_NOT_RUNNING: 409,
  TEMPLATE_NOT_ON_DOMAIN: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  STORAGE_FAILURE: 500,
  /** QEMU failed (would not start, could not restore a saved state…); the message says how. */
  RUNTIME_FAILURE: 500,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE: 416,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field or per-disk reasons, e.g. { "disks.2.storageDomainId": "Domain nfs-2 is in maintenance" }. */
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get httpStatus() {
    return statusByCode[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * An expected error as an AppError: a unique constraint the database enforced (two concurrent
 * requests for one name) is a conflict like the one the checks before it report. Anything else
 * is returned unchanged (a genuine internal error).
 */
export function asAppError(error: unknown): unknown {
  if ((error as { code?: string } | null)?.code === "P2002") return new AppError("CONFLICT", "Another object already has this name or id (a concurrent request took it); choose another.");
  return error;
}

/** Message a user may see: expected errors keep theirs, anything else stays generic. */
export function userMessage(error: unknown) {
  const known = asAppError(error);
  return isAppError(known) ? known.message : "Internal error; the details are in the server log.";
}
