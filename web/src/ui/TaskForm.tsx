import { useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { isoToZoned, useMessages, zonedToIso } from "../i18n/i18n";
import { describeError } from "./errors";
import { messages } from "./messages";
import { defaultDue, type NextTask } from "./nextStep";

type Kind = NextTask["kind"] & string;
const kinds: Kind[] = ["call", "meeting", "email", "todo"];
const kindKey = { call: "kindCall", meeting: "kindMeeting", email: "kindEmail", todo: "kindTodo" } as const;

export function kindLabel(t: (key: keyof typeof messages.ru) => string, kind: string): string {
  return t(kindKey[kind as Kind] ?? "kindTodo");
}

// The fields of a new task; keeps what was typed when the server refuses it, and shows the
// server's message at the field it names.
export function TaskForm({
  onSubmit,
  onCancel,
  submitLabel,
}: {
  onSubmit: (task: NextTask) => Promise<void>;
  onCancel?: () => void;
  submitLabel?: string;
}) {
  const t = useMessages(messages);
  const [kind, setKind] = useState<Kind>("call");
  const [subject, setSubject] = useState("");
  const [due, setDue] = useState(() => defaultDue(new Date(), (d) => isoToZoned(d)));
  const [place, setPlace] = useState("");
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        kind,
        subject,
        due_at: zonedToIso(due),
        ...(kind === "meeting" && place ? { location: place } : {}),
      });
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.field : null, text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    error?.field === name ? (
      <span class="field-error" id={`task-${name}-error`}>
        {error.text}
      </span>
    ) : null;

  return (
    <form class="task-form" onSubmit={submit}>
      <label>
        {t("taskKind")}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel(t, k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("subject")}
        <input
          required
          value={subject}
          aria-invalid={error?.field === "subject"}
          aria-describedby={error?.field === "subject" ? "task-subject-error" : undefined}
          onInput={(e) => setSubject(e.currentTarget.value)}
        />
        {fieldError("subject")}
      </label>
      <label>
        {t("due")}
        <input
          type="datetime-local"
          required
          value={due}
          aria-invalid={error?.field === "due_at"}
          onInput={(e) => setDue(e.currentTarget.value)}
        />
        {fieldError("due_at")}
      </label>
      {kind === "meeting" && (
        <label>
          {t("location")}
          <input value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
        </label>
      )}
      {error && !["subject", "due_at"].includes(error.field ?? "") && (
        <p class="error" role="alert">
          {error.text}
        </p>
      )}
      <div class="actions">
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t("cancel")}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t("saving") : (submitLabel ?? t("save"))}
        </button>
      </div>
    </form>
  );
}
