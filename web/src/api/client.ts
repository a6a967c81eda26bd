// The one way the UI talks to the server: openapi-fetch over the types generated from the
// server's OpenAPI document (schema.d.ts), every failure thrown as an ApiError. The session is
// the HttpOnly cookie set at sign-in; a 401 on any call but sign-in reports the session expired.
import createClient from "openapi-fetch";
import { ApiError, networkError, toApiError } from "./errors";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export { ApiError };

// Absolute, so that it also works outside a browser page (unit tests under Node).
const origin = typeof location === "undefined" ? "http://localhost" : location.origin;
export const client = createClient<paths>({
  baseUrl: origin,
  credentials: "same-origin",
  fetch: (request) => globalThis.fetch(request),
});

let onSessionExpired: () => void = () => {};
export function setSessionExpiredHandler(handler: () => void): void {
  onSessionExpired = handler;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

// Awaits an openapi-fetch call and returns its data, or throws an ApiError.
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (cause) {
    throw networkError(cause);
  }
  if (answer.response.ok) return answer.data as T;
  const error = toApiError(answer.response.status, answer.error);
  if (error.status === 401 && !answer.response.url.endsWith("/api/v1/auth/login")) onSessionExpired();
  throw error;
}
