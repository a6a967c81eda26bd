// Messages, languages and Intl formatting. Every string a person reads comes from a catalogue
// made with defineMessages (the English one must have the Russian one's keys: the compiler and
// i18n.test.ts check it); dates, money and plurals go through Intl in the organisation's time zone.
import { useEffect, useState } from "preact/hooks";

export type Locale = "ru" | "en";
export const locales: readonly Locale[] = ["ru", "en"];

// A plural message: Intl.PluralRules categories, `{n}` replaced by the count.
export type Plural = { one: string; few?: string; many?: string; other: string };
export type Message = string | Plural;
export type Catalogue = Record<string, Message>;
export type Messages<C extends Catalogue> = {
  ru: C;
  en: { [K in keyof C]: C[K] extends string ? string : Plural };
};

export function defineMessages<C extends Catalogue>(ru: C, en: Messages<C>["en"]): Messages<C> {
  return { ru, en };
}

interface State {
  locale: Locale;
  timeZone: string;
}
const state: State = { locale: "ru", timeZone: "Europe/Moscow" };
const listeners = new Set<() => void>();

export function currentLocale(): Locale {
  return state.locale;
}
export function setLocale(locale: Locale): void {
  state.locale = locale;
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}
export function setTimeZone(timeZone: string): void {
  state.timeZone = timeZone;
  for (const listener of listeners) listener();
}

// Re-renders the calling component when the language or time zone changes.
export function useLocale(): Locale {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((t) => t + 1);
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return state.locale;
}

// Intl formatters are costly to make (a board of 600 cards made 1,200 NumberFormats, My day four
// DateTimeFormats per task: most of a second of main thread on this machine), so each one with
// the same locale and options is made once and kept.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(
  kind: string,
  locale: string,
  options: object,
  make: () => F,
): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached("d", locale, options, () => new Intl.DateTimeFormat(locale, options));
}
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached("n", locale, options, () => new Intl.NumberFormat(locale, options));
}
function pluralRules(locale: string): Intl.PluralRules {
  return cached("p", locale, {}, () => new Intl.PluralRules(locale));
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function plural(locale: Locale, count: number, forms: Plural): string {
  const category = pluralRules(locale).select(count) as keyof Plural;
  const form = forms[category] ?? forms.other;
  return fill(form, { n: count });
}

// The translator of one catalogue: t("key", {name: "…"}), t("tasks", {n: 3}) for plurals.
export function translator<C extends Catalogue>(messages: Messages<C>, locale: Locale = state.locale) {
  return (key: keyof C & string, values: Record<string, string | number> = {}): string => {
    const message = (messages[locale] as Catalogue)[key] ?? (messages.ru as Catalogue)[key] ?? key;
    if (typeof message === "string") return fill(message, values);
    return fill(plural(locale, Number(values.n ?? 0), message), values);
  };
}

// Hook form of translator, re-rendering on a language switch.
export function useMessages<C extends Catalogue>(messages: Messages<C>) {
  const locale = useLocale();
  return translator(messages, locale);
}

// "28 ноября, 15:00" / "28 November, 15:00" in the organisation's time zone; the year is shown
// when it is not the current one.
export function formatDateTime(
  iso: string,
  locale: Locale = state.locale,
  timeZone = state.timeZone,
): string {
  const date = new Date(iso);
  const sameYear =
    dateTimeFormat("en", { year: "numeric", timeZone }).format(date) ===
    dateTimeFormat("en", { year: "numeric", timeZone }).format(new Date());
  const day = dateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    ...(sameYear ? {} : { year: "numeric" }),
    timeZone,
  }).format(date);
  const time = dateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(date);
  return `${day}, ${time}`;
}

// The calendar day (YYYY-MM-DD) of an instant in the organisation's time zone.
export function dayOf(date: Date, timeZone = state.timeZone): string {
  return dateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone,
  }).format(date);
}

// An amount in minor units as money: 125000000 RUB → "1 250 000 ₽"; kopecks shown only when
// there are some.
export function formatMoney(minor: number, currency: string, locale: Locale = state.locale): string {
  const digits =
    numberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const value = minor / 10 ** digits;
  const whole = minor % 10 ** digits === 0;
  return numberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: whole ? 0 : digits,
    maximumFractionDigits: digits,
  }).format(value);
}

// The instant of a wall-clock time ("2026-11-28T15:00", as a datetime-local input gives it) in
// a time zone, as an ISO string.
export function zonedToIso(local: string, timeZone = state.timeZone): string {
  const [date = "", time = "00:00"] = local.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const offsetAt = (instant: number) => {
    const parts = dateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    }).formatToParts(new Date(instant));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - instant;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first)).toISOString();
}

// The wall-clock time of an instant in a time zone, for a datetime-local input.
export function isoToZoned(date: Date, timeZone = state.timeZone): string {
  const parts = dateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}
