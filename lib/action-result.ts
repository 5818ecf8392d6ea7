import { asAppError, isAppError } from "@/lib/errors";

// What a server action returns to a form: data, or the message and per-field errors to show inline.
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (thrown) {
    const error = asAppError(thrown);
    if (isAppError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
    console.error("server action failed", error);
    return { ok: false, message: "Internal error; the details are in the server log.", fieldErrors: {} };
  }
}
