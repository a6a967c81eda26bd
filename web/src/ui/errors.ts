import { ApiError, type ErrorCode } from "../api/errors";
import { messages } from "../app/messages";
import { currentLocale, type Locale, translator } from "../i18n/i18n";

// The catalogue key of each error code. Typed by the codes of the API document (api/schema.d.ts),
// so a code the server gains fails the type check until app/messages.ts has its sentence.
export function errorMessageKey(code: ErrorCode): `error_${ErrorCode}` {
  return `error_${code}`;
}

// A failed call in words for a person: our own sentence for its code, from the catalogues. The
// server's message is English: in English it follows our sentence (it often names the value or
// what blocks the change); in Russian it is never shown.
export function describeError(error: unknown, locale: Locale = currentLocale()): string {
  const t = translator(messages, locale);
  if (error instanceof ApiError) {
    const sentence = t(errorMessageKey(error.code));
    const detail =
      locale === "en" && error.status > 0 && !/^HTTP \d+$/.test(error.message) ? error.message : "";
    return detail ? `${sentence} (${detail})` : sentence;
  }
  return t("errorGeneric", { message: String(error) });
}
