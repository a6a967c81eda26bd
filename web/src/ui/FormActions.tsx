// The buttons at the foot of a form: Cancel, and the submit button disabled (with its busy
// label) while the request runs, so a double-click sends one request.
export function FormActions({
  busy,
  label,
  busyLabel,
  cancelLabel,
  onCancel,
}: {
  busy: boolean;
  label: string;
  busyLabel: string;
  cancelLabel: string;
  onCancel: () => void;
}) {
  return (
    <div class="actions">
      <button type="button" class="secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
      <button type="submit" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}
