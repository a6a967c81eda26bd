// One way for every form of the admin and automation screens to read alike: a label, the
// control, a hint and the server's error at the control it names (a 422's `field`, a JSON path
// such as `conditions[0].op`, placed by placeError); an error no control fits shows above the
// buttons. The form's values live in the screen's state and are never cleared on an error, so
// what the user typed stays. A submit in flight ignores further clicks (no double creation).
import type { ComponentChildren, JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { describeError } from "../errors";
import { controlId, normalizePath, placeError } from "./fieldPath";
import { messages } from "./messages";

export interface FormError {
  // The control the error is shown at (a registered name), or null for the form as a whole.
  at: string | null;
  text: string;
}

export interface FormState {
  id: string;
  busy: boolean;
  error: FormError | null;
  register: (name: string) => void;
  // Runs the action once at a time; a failure becomes the form's error, placed at its control.
  run: (action: () => Promise<void>) => Promise<boolean>;
  onSubmit: (action: () => Promise<void>) => (event: Event) => void;
  setError: (error: FormError | null) => void;
}

export function useForm(id: string): FormState {
  const controls = useRef(new Set<string>());
  controls.current = new Set();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const inFlight = useRef(false);

  const run = async (action: () => Promise<void>): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      const field = e instanceof ApiError ? e.field : null;
      const at = placeError(field, controls.current);
      setError({ at, text: describeError(e) });
      if (at) setTimeout(() => document.getElementById(controlId(id, at))?.focus(), 0);
      return false;
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return {
    id,
    busy,
    error,
    register: (name) => {
      controls.current.add(normalizePath(name));
    },
    run,
    onSubmit: (action) => (event) => {
      event.preventDefault();
      void run(action);
    },
    setError,
  };
}

export interface ControlProps {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

// A labelled control; `children` renders the control with the props it must spread.
export function Field({
  form,
  name,
  label,
  hint,
  inline,
  children,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: ComponentChildren;
  inline?: boolean;
  children: (control: ControlProps) => JSX.Element;
}) {
  const path = normalizePath(name);
  form.register(path);
  const id = controlId(form.id, path);
  const error = form.error?.at === path ? form.error.text : null;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const control = children({
    id,
    "aria-invalid": error !== null,
    ...(described ? { "aria-describedby": described } : {}),
  });
  return (
    <div class={inline ? "form-field inline" : "form-field"}>
      {inline && control}
      <label for={id}>{label}</label>
      {!inline && control}
      {hint && (
        <span class="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

// The form's error that no control fits, and the buttons.
export function FormFooter({
  form,
  submitLabel,
  submitName,
  onCancel,
  children,
}: {
  form: FormState;
  submitLabel?: string;
  // The button's accessible name where the visible label alone is ambiguous on the page.
  submitName?: string;
  onCancel?: () => void;
  children?: ComponentChildren;
}) {
  const t = useMessages(messages);
  return (
    <>
      {form.error && form.error.at === null && (
        <p class="error" role="alert">
          {t("formProblem", { message: form.error.text })}
        </p>
      )}
      {form.error && form.error.at !== null && (
        <p class="visually-hidden" role="alert">
          {form.error.text}
        </p>
      )}
      <FormButtons busy={form.busy} submitLabel={submitLabel} submitName={submitName} onCancel={onCancel}>
        {children}
      </FormButtons>
    </>
  );
}

// The buttons at the foot of a form: any extra ones, Cancel, and the submit button, disabled
// (with its busy label) while the request runs, so a double click sends one request. Forms that
// keep their own state (the create and convert dialogs, editing in place) use it alone.
export function FormButtons({
  busy,
  submitLabel,
  busyLabel,
  submitName,
  onCancel,
  children,
}: {
  busy: boolean;
  submitLabel?: string;
  busyLabel?: string;
  // The button's accessible name where the visible label alone is ambiguous on the page.
  submitName?: string;
  onCancel?: () => void;
  children?: ComponentChildren;
}) {
  const t = useMessages(messages);
  return (
    <div class="actions">
      {children}
      {onCancel && (
        <button type="button" class="secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      )}
      <button type="submit" disabled={busy} aria-label={submitName}>
        {busy ? (busyLabel ?? t("saving")) : (submitLabel ?? t("save"))}
      </button>
    </div>
  );
}

// The common controls over Field: a text input (or textarea), a select, a checkbox.
export function TextField({
  form,
  name,
  label,
  hint,
  value,
  onValue,
  area,
  ...input
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  area?: boolean;
  type?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text";
  list?: string;
}) {
  return (
    <Field form={form} name={name} label={label} hint={hint}>
      {(p) =>
        area ? (
          <textarea {...p} rows={4} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
        ) : (
          <input {...p} {...input} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
        )
      }
    </Field>
  );
}

export interface Choice<T extends string> {
  value: T;
  label: string;
}

export function SelectField<T extends string>({
  form,
  name,
  label,
  hint,
  value,
  onValue,
  choices,
  disabled,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: ComponentChildren;
  value: T;
  onValue: (value: T) => void;
  choices: readonly Choice<T>[];
  disabled?: boolean;
}) {
  return (
    <Field form={form} name={name} label={label} hint={hint}>
      {(p) => (
        <select
          {...p}
          value={value}
          disabled={disabled}
          onChange={(e) => onValue(e.currentTarget.value as T)}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField({
  form,
  name,
  label,
  checked,
  onValue,
}: {
  form: FormState;
  name: string;
  label: string;
  checked: boolean;
  onValue: (checked: boolean) => void;
}) {
  return (
    <Field form={form} name={name} label={label} inline>
      {(p) => (
        <input {...p} type="checkbox" checked={checked} onChange={(e) => onValue(e.currentTarget.checked)} />
      )}
    </Field>
  );
}
