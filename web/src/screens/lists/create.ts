// The create dialogs' fields per record type and the API body they make. Pure, unit-tested.
import { parseAmount, splitList } from "../../ui/recordInput";

export type CreateKind = "lead" | "deal" | "contact" | "company";

// Each input's name is the API field it fills, so a 422's `field` lands on it.
export type DraftField =
  | "title"
  | "name"
  | "company_name"
  | "phones"
  | "emails"
  | "amount"
  | "source"
  | "inn"
  | "address";
export type Draft = Partial<Record<DraftField, string>>;

export const draftFields: Record<CreateKind, readonly DraftField[]> = {
  lead: ["title", "name", "company_name", "phones", "emails", "amount", "source"],
  deal: ["title", "amount"],
  contact: ["name", "phones", "emails"],
  company: ["name", "inn", "address", "phones", "emails"],
};

export const requiredField: Record<CreateKind, DraftField> = {
  lead: "title",
  deal: "title",
  contact: "name",
  company: "name",
};

// Only these can be created over a duplicate (`allow_duplicate: true`); deals have no phones.
export const mayAllowDuplicate = (kind: CreateKind) => kind !== "deal";

export class DraftError extends Error {
  constructor(readonly field: DraftField) {
    super(field);
  }
}

// The POST body: blank fields left out, lists split, the amount in minor units of `currency`.
// Throws DraftError naming the amount when it is not one.
export function createBody(
  kind: CreateKind,
  draft: Draft,
  currency: string,
  allowDuplicate = false,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of draftFields[kind]) {
    const text = (draft[field] ?? "").trim();
    if (field === "phones" || field === "emails") {
      const list = splitList(text);
      if (list.length > 0) body[field] = list;
    } else if (field === "amount") {
      const minor = parseAmount(text, currency);
      if (minor !== null && Number.isNaN(minor)) throw new DraftError("amount");
      if (minor !== null) {
        body.amount = minor;
        body.currency = currency;
      }
    } else if (text || field === requiredField[kind]) {
      body[field] = text;
    }
  }
  if (allowDuplicate && mayAllowDuplicate(kind)) body.allow_duplicate = true;
  return body;
}
