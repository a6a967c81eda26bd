// What a person types for a record (money in major units, lists separated by commas) turned into
// the API's values, and back for editing. Pure; used by the create dialogs and the record card.

// Minor digits of a currency as Intl knows them (RUB 2, JPY 0).
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

// "1 250 000,50" or "1250000.5" in `currency` → minor units; null when blank; NaN when it is not
// an amount (negative, letters, too many decimals).
export function parseAmount(text: string, currency: string): number | null {
  const plain = text.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  if (plain === "") return null;
  const digits = minorDigits(currency);
  const shape = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!shape.test(plain)) return Number.NaN;
  const [whole = "0", fraction = ""] = plain.split(".");
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

// Minor units → the plain number a person edits ("1250000.5" → "1250000,50" in Russian style is
// left to the input; here "1250000.50").
export function amountText(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  const whole = Math.floor(minor / scale);
  const fraction = minor % scale;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, "0")}`;
}

// "a, b;  c" → ["a", "b", "c"]: phones and e-mails typed in one field.
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

// Whether a server error's `field` ("phones", "phones[1]", "custom_fields.segment") is about `name`.
export function fieldMatches(errorField: string | null, name: string): boolean {
  if (!errorField) return false;
  return errorField === name || errorField.startsWith(`${name}[`) || errorField.startsWith(`${name}.`);
}
