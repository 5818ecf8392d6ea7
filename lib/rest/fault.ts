import { asAppError, isAppError, userMessage } from "@/lib/errors";
import type { OutDocument } from "./wire/tree";

// One mapping from any thrown error to oVirt's <fault>. Expected errors keep their message;
// anything else is logged in full and answered with a generic 500.

export interface RestFailure {
  status: number;
  document: OutDocument;
  headers: Record<string, string>;
}

const reasons: Record<number, string> = {
  400: "Operation Failed",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Operation Failed",
  415: "Unsupported Media Type",
  500: "Internal Error",
};

/** Clients are told both ways in: a bearer token from the SSO endpoint, or HTTP Basic. */
export const authChallenge = 'Bearer realm="RESTAPI", Basic realm="RESTAPI"';

export function faultDocument(reason: string, detail: string): OutDocument {
  return { root: "fault", node: { reason, detail: `[${detail}]` } };
}

export function failureFor(thrown: unknown): RestFailure {
  const error = asAppError(thrown);
  if (!isAppError(error) || error.httpStatus >= 500) console.error("REST API request failed", error);
  const status = isAppError(error) ? error.httpStatus : 500;
  return {
    status,
    document: faultDocument(reasons[status] ?? "Operation Failed", userMessage(error)),
    headers: status === 401 ? { "WWW-Authenticate": authChallenge } : {},
  };
}
