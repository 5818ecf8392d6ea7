"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";
import { followJob, startedJobId } from "./follow-job";

/**
 * Runs a server action for a form: server-side field errors land on their fields (inline), the
 * message goes to the top of the dialog. Returns the data on success, null otherwise. A job the
 * action started is followed in a toast until it ends.
 */
export async function submitAction<TForm extends FieldValues, T>(
  // biome-ignore lint/suspicious/noExplicitAny: any form, whatever its context and transformed values
  form: UseFormReturn<TForm, any, any>,
  setTopError: (message: string | null) => void,
  action: () => Promise<ActionResult<T>>,
): Promise<T | null> {
  setTopError(null);
  try {
    const result = await action();
    if (result.ok) {
      const jobId = startedJobId(result.data);
      if (jobId) followJob(jobId);
      return result.data;
    }
    for (const [field, message] of Object.entries(result.fieldErrors)) {
      form.setError(field as Path<TForm>, { type: "server", message });
    }
    setTopError(result.message);
  } catch {
    setTopError("The server could not be reached; try again.");
  }
  return null;
}
