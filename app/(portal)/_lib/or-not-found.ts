import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** A page's main object: a NOT_FOUND from the domain layer becomes the 404 page. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
