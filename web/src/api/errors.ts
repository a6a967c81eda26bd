import type { components } from "./schema";

// The server's error codes (DESIGN.md: {"error":{"code","message","field"}}), plus `network`
// when no answer came at all.
export type ErrorCode = components["schemas"]["Error"]["error"]["code"] | "network";

// The record a 409 `duplicate` names when the caller may see it (`error.existing`).
export type ExistingRecord = NonNullable<components["schemas"]["Error"]["error"]["existing"]>;

// Every failed call throws this: the status, the server's code and message, the input field it
// names (to be shown at that field), and for a duplicate the record that already exists.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null,
    readonly existing: ExistingRecord | null = null,
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
    const { code, message, field } = body.error;
    return new ApiError(status, code, message, field ?? null, existingOf(body.error));
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

const recordTypes = new Set(["lead", "deal", "contact", "company"]);

// An answer's body is checked only for `code` and `message`; `existing` is read defensively.
function existingOf(error: object): ExistingRecord | null {
  const existing = (error as { existing?: unknown }).existing;
  if (typeof existing !== "object" || existing === null) return null;
  const { type, id } = existing as { type?: unknown; id?: unknown };
  if (typeof type !== "string" || !recordTypes.has(type) || typeof id !== "number") return null;
  return { type: type as ExistingRecord["type"], id };
}
