import { ApiError } from "../api/errors";
import { messages } from "../app/messages";
import { translator } from "../i18n/i18n";

// A failed call in words for a person: our own sentence for network trouble and throttling,
// the server's message (which names what was wrong) otherwise.
export function describeError(error: unknown): string {
  const t = translator(messages);
  if (error instanceof ApiError) {
    if (error.code === "network") return t("errorNetwork");
    if (error.code === "throttled") return t("errorThrottled");
    return error.message;
  }
  return t("errorGeneric", { message: String(error) });
}
