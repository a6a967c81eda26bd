import { useState } from "preact/hooks";
import { ApiError, call, client } from "../../api/client";
import { LanguageSelect } from "../../app/LanguageSelect";
import { useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { messages } from "./messages";

// Where to go after signing in: the page remembered in ?next=, if it is one of ours.
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/sign-in") ? next : "/";
}

export function SignIn({ onSignedIn }: { onSignedIn: (next: string) => Promise<void> }) {
  const t = useMessages(messages);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await call(client.POST("/api/v1/auth/login", { body: { email, password } }));
      await onSignedIn(nextPath(location.search));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t("wrongCredentials") : describeError(e));
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t("title")}</h1>
        <label>
          {t("email")}
          <input
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label>
          {t("password")}
          <input
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("submitting") : t("submit")}
        </button>
        <LanguageSelect session={null} />
      </form>
    </main>
  );
}
