// Deleting after asking, the one way every screen deletes: a button that opens a modal dialog
// (ui/Dialog: focus moves into it; Escape or Cancel closes it and nothing is deleted) saying what
// goes. Focus starts on Cancel, so Enter at once deletes nothing; Delete runs `onConfirm` once
// (the button is disabled while it runs). A refusal is shown in words inside the dialog, which
// stays open: `conflict` is what to say on a 409 (what still uses the thing), other failures go
// through describeError. On success the dialog closes and `onDeleted` runs; when the dialog
// closes otherwise, focus goes back to the button.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import { useMessages } from "../i18n/i18n";
import { Dialog } from "./Dialog";
import { describeError } from "./errors";
import { messages } from "./messages";

export function ConfirmDelete({
  label,
  question,
  conflict,
  buttonText,
  onConfirm,
  onDeleted,
}: {
  // The button's accessible name and the dialog's title, naming the thing ("Удалить отдел «Маркетинг»").
  label: string;
  // What deleting does, in a sentence.
  question: string;
  conflict?: string;
  // The button's visible text when "Delete" is not the word (e.g. "Revoke").
  buttonText?: string;
  onConfirm: () => Promise<unknown>;
  onDeleted: () => void;
}) {
  const t = useMessages(messages);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setProblem(null);
    opener.current?.focus();
  };
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
      setOpen(false);
      onDeleted();
    } catch (e) {
      setProblem(conflict && e instanceof ApiError && e.status === 409 ? conflict : describeError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        class="secondary danger"
        aria-label={label}
        onClick={() => setOpen(true)}
      >
        {buttonText ?? t("delete")}
      </button>
      {open && (
        <Dialog title={label} onClose={close}>
          <p>{question}</p>
          {problem && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
          <div class="actions">
            <button ref={cancel} type="button" class="secondary" onClick={close}>
              {t("cancel")}
            </button>
            <button type="button" class="danger" disabled={busy} onClick={confirm}>
              {busy ? t("deleting") : (buttonText ?? t("delete"))}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
