// The dialog that creates a lead, deal, contact or company. A 409 `duplicate` says the client
// already exists with a link to open it (when the server names it) and keeps what was typed;
// the submit button is disabled while the request runs, so a double-click creates one record.
import { useState } from "preact/hooks";
import { ApiError, call, client, type Schemas } from "../../api/client";
import type { ExistingRecord } from "../../api/errors";
import { navigate } from "../../app/router";
import { useMessages } from "../../i18n/i18n";
import { Dialog } from "../../ui/Dialog";
import { describeError } from "../../ui/errors";
import { FormButtons } from "../../ui/form/form";
import { fieldMatches } from "../../ui/recordInput";
import { recordHref } from "../../ui/records";
import {
  type CreateKind,
  createBody,
  type Draft,
  DraftError,
  type DraftField,
  draftFields,
  mayAllowDuplicate,
  requiredField,
} from "./create";
import { messages } from "./messages";

export type { CreateKind };

type Key = keyof typeof messages.ru;
const labels: Record<DraftField, Key> = {
  title: "fieldTitle",
  name: "fieldName",
  company_name: "fieldCompanyName",
  phones: "fieldPhones",
  emails: "fieldEmails",
  amount: "fieldAmount",
  source: "fieldSource",
  inn: "fieldInn",
  address: "fieldAddress",
};
const titles: Record<CreateKind, Key> = {
  lead: "newLead",
  deal: "newDeal",
  contact: "newContact",
  company: "newCompany",
};

async function post(kind: CreateKind, body: Record<string, unknown>): Promise<number> {
  switch (kind) {
    case "lead":
      return (await call(client.POST("/api/v1/leads", { body: body as Schemas["NewLead"] }))).id;
    case "deal":
      return (await call(client.POST("/api/v1/deals", { body: body as Schemas["NewDeal"] }))).id;
    case "contact":
      return (await call(client.POST("/api/v1/contacts", { body: body as Schemas["NewContact"] }))).id;
    case "company":
      return (await call(client.POST("/api/v1/companies", { body: body as Schemas["NewCompany"] }))).id;
  }
}

interface Problem {
  field: string | null;
  text: string;
  duplicate: boolean;
  existing: ExistingRecord | null;
}

export function CreateDialog({
  kind,
  currency,
  onClose,
}: {
  kind: CreateKind;
  currency: string;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const [draft, setDraft] = useState<Draft>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async (allowDuplicate: boolean) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const id = await post(kind, createBody(kind, draft, currency, allowDuplicate));
      onClose();
      navigate(recordHref(kind, id));
    } catch (e) {
      if (e instanceof DraftError) {
        setProblem({ field: e.field, text: t("amountInvalid"), duplicate: false, existing: null });
      } else {
        const api = e instanceof ApiError ? e : null;
        setProblem({
          field: api?.field ?? null,
          text: describeError(e),
          duplicate: api?.code === "duplicate",
          existing: api?.existing ?? null,
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const fields = draftFields[kind];
  const atField = (name: DraftField) =>
    problem !== null && !problem.duplicate && fieldMatches(problem.field, name);
  const elsewhere =
    problem !== null && !problem.duplicate && !fields.some((f) => fieldMatches(problem.field, f));

  return (
    <Dialog title={t(titles[kind])} onClose={onClose}>
      <form
        class="create-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        {fields.map((name) => (
          <label key={name}>
            {t(labels[name])}
            {(name === "phones" || name === "emails") && <span class="hint"> {t("listHint")}</span>}
            <input
              name={name}
              inputMode={name === "amount" ? "decimal" : name === "phones" ? "tel" : undefined}
              required={name === requiredField[kind]}
              value={draft[name] ?? ""}
              aria-invalid={
                atField(name) || (problem?.duplicate === true && fieldMatches(problem.field, name))
              }
              aria-describedby={atField(name) ? `create-${name}-error` : undefined}
              onInput={(e) => setDraft((d) => ({ ...d, [name]: e.currentTarget.value }))}
            />
            {atField(name) && (
              <span class="field-error" id={`create-${name}-error`}>
                {problem?.text}
              </span>
            )}
          </label>
        ))}
        {problem?.duplicate && (
          <div class="duplicate" role="alert">
            {problem.existing ? (
              <p class="duplicate-text">
                {t("duplicateExists")}{" "}
                <a href={recordHref(problem.existing.type, problem.existing.id)}>{t("openIt")}</a>
              </p>
            ) : (
              <p class="duplicate-text">{problem.text}</p>
            )}
            {mayAllowDuplicate(kind) && (
              <button type="button" class="secondary" disabled={busy} onClick={() => submit(true)}>
                {t("createAnyway")}
              </button>
            )}
          </div>
        )}
        {elsewhere && (
          <p class="error" role="alert">
            {problem?.text}
          </p>
        )}
        <FormButtons busy={busy} submitLabel={t("create")} busyLabel={t("creating")} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
