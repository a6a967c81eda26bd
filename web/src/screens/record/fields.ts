// The fields the record card shows and edits in place, per record type, and how a typed value
// becomes the PATCH body. Pure, unit-tested.
import { amountText, parseAmount, splitList } from "../../ui/recordInput";
import type { RecordType } from "../../ui/records";

export type EditableName =
  | "title"
  | "name"
  | "company_name"
  | "amount"
  | "phones"
  | "emails"
  | "source"
  | "inn"
  | "address"
  | "expected_close_on";

export const editable: Record<RecordType, readonly EditableName[]> = {
  deal: ["title", "amount", "expected_close_on"],
  lead: ["title", "name", "company_name", "phones", "emails", "amount", "source"],
  contact: ["name", "phones", "emails"],
  company: ["name", "inn", "address", "phones", "emails"],
};

type Values = Partial<Record<EditableName | "currency", unknown>>;

// The value as the person edits it: lists comma-separated, money in major units.
export function editText(record: Values, name: EditableName): string {
  const value = record[name];
  if (name === "amount") return typeof value === "number" ? amountText(value, String(record.currency)) : "";
  if (Array.isArray(value)) return value.join(", ");
  return value === null || value === undefined ? "" : String(value);
}

export class InvalidInput extends Error {}

// The PATCH body for one field; blank clears a nullable field (null) and empties a list. Throws
// InvalidInput for an amount that is not one (the server is asked about everything else).
export function patchBody(record: Values, name: EditableName, text: string): Record<string, unknown> {
  const trimmed = text.trim();
  switch (name) {
    case "phones":
    case "emails":
      return { [name]: splitList(trimmed) };
    case "amount": {
      const minor = parseAmount(trimmed, String(record.currency));
      if (minor === null || Number.isNaN(minor)) throw new InvalidInput(name);
      return { amount: minor };
    }
    case "title":
    case "name":
      return { [name]: trimmed };
    default:
      return { [name]: trimmed === "" ? null : trimmed };
  }
}

type CustomField = { name: string; type: "string" | "number" | "money" | "date" | "bool" | "enum" };

// A custom field's value as edited: money in major units, booleans "true"/"false", "" for none.
export function customText(field: CustomField, value: unknown, currency: string): string {
  if (value === null || value === undefined) return "";
  if (field.type === "money" && typeof value === "number") return amountText(value, currency);
  return String(value);
}

// The PATCH body for one custom field: blank clears it (null), numbers and money as JSON
// numbers, booleans as true/false. Throws InvalidInput for a number or amount that is not one.
export function customBody(field: CustomField, text: string, currency: string): Record<string, unknown> {
  const trimmed = text.trim();
  let value: unknown = trimmed;
  if (trimmed === "") value = null;
  else if (field.type === "number") {
    value = Number(trimmed.replace(/[\s\u00a0]/g, "").replace(",", "."));
    if (!Number.isFinite(value)) throw new InvalidInput(field.name);
  } else if (field.type === "money") {
    value = parseAmount(trimmed, currency);
    if (Number.isNaN(value)) throw new InvalidInput(field.name);
  } else if (field.type === "bool") value = trimmed === "true";
  return { custom_fields: { [field.name]: value } };
}
