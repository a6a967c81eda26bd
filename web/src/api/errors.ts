import type { components } from "./schema";

// The server's error codes (DESIGN.md: {"error":{"code","message","field"}}), plus `network`
// when no answer came at all.
export type ErrorCode = components["schemas"]["Error"]["error"]["code"] | "network";

// Every failed call throws this: the status, the server's code and message, and the input
// field it names (to be shown at that field).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

function isErrorBody(body: unknown): body is components["schemas"]["Error"] {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

// Maps a failed answer to an ApiError: the server's error body when it sent one, else a code
// for the status.
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    return new ApiError(status, body.error.code, body.error.message, body.error.field ?? null);
  }
  const byStatus: Record<number, ErrorCode> = {
    400: "malformed",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "validation_failed",
    429: "throttled",
  };
  return new ApiError(status, byStatus[status] ?? "internal", `HTTP ${status}`, null);
}

export function networkError(cause: unknown): ApiError {
  return new ApiError(0, "network", cause instanceof Error ? cause.message : String(cause), null);
}
