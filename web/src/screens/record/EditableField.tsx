// One field of the record card, edited in place: "Change" opens an input with the value, Save
// sends it; a refusal (422 naming the field, 409 duplicate) is shown at the field and what was
// typed stays in the input.
import type { ComponentChild } from "preact";
import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import type { ExistingRecord } from "../../api/errors";
import { useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { FormButtons } from "../../ui/form/form";
import { recordHref } from "../../ui/records";
import { InvalidInput } from "./fields";
import { messages } from "./messages";

export function EditableField({
  name,
  label,
  display,
  initial,
  options,
  onSave,
}: {
  name: string;
  label: string;
  display: ComponentChild;
  initial: string;
  // A choice instead of free text: [value, label] pairs.
  options?: [string, string][];
  onSave: (text: string) => Promise<void>;
}) {
  const t = useMessages(messages);
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; existing: ExistingRecord | null } | null>(null);
  const errorId = `field-${name}-error`;

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy || text === null) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(text);
      setText(null);
    } catch (e) {
      if (e instanceof InvalidInput) setError({ text: t("amountInvalid"), existing: null });
      else setError({ text: describeError(e), existing: e instanceof ApiError ? e.existing : null });
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    setText(null);
    setError(null);
  };

  return (
    <>
      <dt>{label}</dt>
      <dd>
        {text === null ? (
          <div class="field-view">
            <span>{display}</span>
            <button
              type="button"
              class="link"
              aria-label={t("editField", { field: label })}
              onClick={() => setText(initial)}
            >
              {t("edit")}
            </button>
          </div>
        ) : (
          <form class="edit-form" onSubmit={save}>
            {options ? (
              <select
                aria-label={label}
                value={text}
                aria-invalid={error !== null}
                aria-describedby={error ? errorId : undefined}
                onChange={(e) => setText(e.currentTarget.value)}
              >
                {options.map(([value, optionLabel]) => (
                  <option key={value} value={value}>
                    {optionLabel}
                  </option>
                ))}
              </select>
            ) : (
              <input
                aria-label={label}
                value={text}
                aria-invalid={error !== null}
                aria-describedby={error ? errorId : undefined}
                onInput={(e) => setText(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    e.preventDefault();
                    cancel();
                  }
                }}
                // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this field
                autoFocus
              />
            )}
            {error && (
              <span class="field-error" id={errorId} role="alert">
                {error.text}
                {error.existing && (
                  <>
                    {" "}
                    <a href={recordHref(error.existing.type, error.existing.id)}>{t("openExisting")}</a>
                  </>
                )}
              </span>
            )}
            <FormButtons busy={busy} onCancel={cancel} />
          </form>
        )}
      </dd>
    </>
  );
}
