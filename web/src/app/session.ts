// Who is signed in, the organisation's settings, and the user's language (remembered per user
// in this browser). Loaded once after sign-in.
import { call, client, type Schemas } from "../api/client";
import { type Locale, setLocale, setTimeZone } from "../i18n/i18n";

export interface Session {
  user: Schemas["User"];
  settings: Schemas["Settings"];
}

const languageKey = (userId: number) => `voronka.language.${userId}`;

export function rememberedLanguage(userId: number): Locale | null {
  const value = localStorage.getItem(languageKey(userId));
  return value === "ru" || value === "en" ? value : null;
}

// Remembers the language for the signed-in user (none on the sign-in page) and in this browser.
export function chooseLanguage(session: Session | null, locale: Locale): void {
  if (session) localStorage.setItem(languageKey(session.user.id), locale);
  localStorage.setItem("voronka.language", locale);
  setLocale(locale);
}

// The language before anyone signs in: the last one chosen in this browser, else Russian.
export function initialLanguage(): Locale {
  return localStorage.getItem("voronka.language") === "en" ? "en" : "ru";
}

export async function loadSession(): Promise<Session> {
  const [user, settings] = await Promise.all([
    call(client.GET("/api/v1/me")),
    call(client.GET("/api/v1/settings")),
  ]);
  setTimeZone(settings.time_zone);
  setLocale(rememberedLanguage(user.id) ?? settings.language);
  return { user, settings };
}

export async function signOut(): Promise<void> {
  await call(client.POST("/api/v1/auth/logout"));
}
