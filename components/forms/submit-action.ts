"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

/**
 * Runs a server action for a form: server-side field errors land on their fields (inline), the
 * message goes to the top of the dialog. Returns the data on success, null otherwise.
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
    if (result.ok) return result.data;
    for (const [field, message] of Object.entries(result.fieldErrors)) {
      form.setError(field as Path<TForm>, { type: "server", message });
    }
    setTopError(result.message);
  } catch {
    setTopError("The server could not be reached; try again.");
  }
  return null;
}
