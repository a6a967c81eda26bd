import type { ComponentChild } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, call, client, type Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import { navigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import type { Session } from "../../app/session";
import { formatDateTime, formatMoney, useMessages } from "../../i18n/i18n";
import { nameOf, visibleUsers } from "../../ui/directory";
import { describeError } from "../../ui/errors";
import { RecordLink } from "../../ui/RecordLink";
import { patchRecord, type RecordType, recordHref } from "../../ui/records";
import { TaskForm } from "../../ui/TaskForm";
import { TaskRow, useTaskCompletion } from "../../ui/TaskRow";
import { NotFound } from "../not-found/NotFound";
import { CompanyRecords } from "./CompanyRecords";
import { ConvertDialog } from "./ConvertDialog";
import { type AnyRecord, addNote, type CardData, headingOf, loadCard } from "./data";
import { EditableField } from "./EditableField";
import { customBody, customText, type EditableName, editable, editText, patchBody } from "./fields";
import { messages } from "./messages";

type Lead = Schemas["Lead"];
type TimelineItem = Schemas["TimelineItem"];
type Key = keyof typeof messages.ru;

const cardOf = (kind: RecordType) => (props: ScreenProps) => (
  <RecordCard kind={kind} id={Number(props.params.id)} session={props.session} />
);
export const DealCard = cardOf("deal");
export const LeadCard = cardOf("lead");
export const ContactCard = cardOf("contact");
export const CompanyCard = cardOf("company");

const fieldLabel: Record<EditableName, Key> = {
  title: "fieldTitle",
  name: "fieldName",
  company_name: "companyName",
  amount: "amount",
  phones: "phones",
  emails: "emails",
  source: "source",
  inn: "inn",
  address: "address",
  expected_close_on: "expectedClose",
};

// A field's value for reading: money formatted, lists joined, a dash for nothing.
function shown(record: AnyRecord, name: EditableName): ComponentChild {
  const values = record as unknown as Record<string, unknown>;
  if (name === "amount" && "amount" in record) return formatMoney(record.amount, record.currency);
  const text = editText(values, name);
  return text === "" ? "—" : text;
}

function RecordCard({ kind, id, session }: { kind: RecordType; id: number; session: Session }) {
  const t = useMessages(messages);
  const [data, setData] = useState<CardData | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [converting, setConverting] = useState(false);
  const [users, setUsers] = useState<Schemas["User"][]>([]);

  const reload = useCallback(() => {
    loadCard(kind, id)
      .then(setData)
      .catch((e) => {
        if (e instanceof ApiError && e.code === "not_found") setMissing(true);
        else setError(describeError(e));
      });
  }, [kind, id]);
  useEffect(reload, [reload]);
  // Someone else's change, or automation's (a message sent, a task set), shows without a reload.
  useHints((hint) => hint.kind === "record" && hint.type === kind && hint.id === id, reload);
  useEffect(() => {
    visibleUsers()
      .then(setUsers)
      .catch(() => {});
  }, []);
  const { complete, dialog } = useTaskCompletion(
    () => (data ? headingOf(data.record) : ""),
    (sentence) => {
      setStatus(sentence);
      reload();
    },
  );

  if (missing || !Number.isSafeInteger(id) || id <= 0) return <NotFound />;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data) return <p class="loading">…</p>;

  const { record, pipeline } = data;
  const stageName = (stageId: unknown) =>
    pipeline?.stages.find((s) => s.id === stageId)?.name ?? String(stageId);

  const saveNote = async (event: Event) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setNoteError(null);
    try {
      await addNote(kind, id, note);
      setNote("");
      setStatus(t("noteAdded"));
      reload();
    } catch (e) {
      setNoteError(describeError(e));
    } finally {
      setSaving(false);
    }
  };
  const saveField = (name: EditableName) => async (text: string) => {
    await patchRecord(kind, id, patchBody(record as unknown as Record<string, unknown>, name, text));
    setStatus(t("saved"));
    reload();
  };

  const lead = kind === "lead" ? (record as Lead) : null;
  const currency = "currency" in record ? record.currency : session.settings.currency;
  const staged = "stage_id" in record ? record : null;
  return (
    <article class="record">
      <header>
        <p class="kind">{t(kind)}</p>
        <h1>{headingOf(record)}</h1>
        {lead && !lead.converted_at && lead.is_open !== false && (
          <button type="button" onClick={() => setConverting(true)}>
            {t("convert")}
          </button>
        )}
        {lead?.converted_at && lead.deal_id && (
          <p>
            {t("convertedTo")} <a href={recordHref("deal", lead.deal_id)}>{t("openDeal")}</a>
          </p>
        )}
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="record-grid">
        <section aria-label={t(kind)}>
          <dl class="fields">
            {editable[kind].map((name) => (
              <EditableField
                key={`${name}:${record.updated_at}`}
                name={name}
                label={t(fieldLabel[name])}
                display={shown(record, name)}
                initial={editText(record as unknown as Record<string, unknown>, name)}
                onSave={saveField(name)}
              />
            ))}
            {data.customFields.map((field) => {
              const value = record.custom_fields?.[field.name];
              const text = customText(field, value, currency);
              const options: [string, string][] | undefined =
                field.type === "bool"
                  ? [
                      ["", "—"],
                      ["true", t("yes")],
                      ["false", t("no")],
                    ]
                  : field.type === "enum"
                    ? [["", "—"], ...field.options.map((o): [string, string] => [o, o])]
                    : undefined;
              return (
                <EditableField
                  key={`cf.${field.name}:${record.updated_at}`}
                  name={`cf-${field.id}`}
                  label={field.name}
                  display={text === "" ? "—" : (options?.find(([v]) => v === text)?.[1] ?? text)}
                  initial={text}
                  options={options}
                  onSave={async (typed) => {
                    await patchRecord(kind, id, customBody(field, typed, currency));
                    setStatus(t("saved"));
                    reload();
                  }}
                />
              );
            })}
            {pipeline && staged && (
              <>
                <dt>{t("pipeline")}</dt>
                <dd>{pipeline.name}</dd>
                <dt>{t("stage")}</dt>
                <dd>{stageName(staged.stage_id)}</dd>
              </>
            )}
            {staged?.stage_deadline && (
              <>
                <dt>{t("stageDeadline")}</dt>
                <dd class={staged.stage_overdue ? "overdue" : undefined}>
                  {formatDateTime(staged.stage_deadline)}
                  {staged.stage_overdue && <span class="badge">{t("stageOverdue")}</span>}
                </dd>
              </>
            )}
            {"contact_id" in record && record.contact_id && (
              <>
                <dt>{t("contact")}</dt>
                <dd>
                  <RecordLink type="contact" id={record.contact_id} />
                </dd>
              </>
            )}
            {"company_id" in record && record.company_id && (
              <>
                <dt>{t("company")}</dt>
                <dd>
                  <RecordLink type="company" id={record.company_id} />
                </dd>
              </>
            )}
            <dt>{t("fieldOwner")}</dt>
            <dd>
              {nameOf(users, record.owner_id)}
              {"is_client" in record && record.is_client && <span class="badge">{t("isClient")}</span>}
            </dd>
          </dl>
          <h2>{t("openTasks")}</h2>
          {data.tasks.length === 0 ? (
            <p class="empty">{t("noOpenTasks")}</p>
          ) : (
            <ul class="tasks">
              {data.tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  overdue={new Date(task.due_at) < new Date()}
                  onComplete={complete}
                />
              ))}
            </ul>
          )}
          <details>
            <summary>{t("addTask")}</summary>
            <TaskForm
              onSubmit={async (task) => {
                await call(
                  client.POST("/api/v1/tasks", { body: { ...task, record_type: kind, record_id: id } }),
                );
                setStatus(t("taskAdded"));
                reload();
              }}
            />
          </details>
          {kind === "company" && <CompanyRecords companyId={id} />}
        </section>
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t("timeline")}</h2>
          <form class="note-form" onSubmit={saveNote}>
            <label>
              {t("noteText")}
              <textarea
                required
                value={note}
                aria-invalid={noteError !== null}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            </label>
            {noteError && (
              <p class="error" role="alert">
                {noteError}
              </p>
            )}
            <button type="submit" disabled={saving}>
              {t("saveNote")}
            </button>
          </form>
          {data.timeline.length === 0 ? (
            <p class="empty">{t("timelineEmpty")}</p>
          ) : (
            <ol class="timeline">
              {data.timeline.map((item) => (
                <li key={`${item.type}:${item.id}`} class={`entry entry-${item.type}`}>
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  <TimelineText item={item} stageName={stageName} pipeline={pipeline} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {dialog}
      {converting && lead && (
        <ConvertDialog
          lead={lead}
          onClose={() => setConverting(false)}
          onConverted={(result) => navigate(recordHref("deal", result.deal_id))}
        />
      )}
    </article>
  );
}

// Names of the fields whose history is shown; others appear under their API name.
const fieldLabels: Record<string, keyof typeof messages.ru> = {
  ...fieldLabel,
  stage_id: "stage",
  pipeline_id: "pipeline",
  owner_id: "fieldOwner",
  currency: "fieldCurrency",
  contact_id: "contact",
  company_id: "company",
  deal_id: "deal",
  converted_at: "convertedAt",
  lost_reason: "lostReason",
};

function TimelineText({
  item,
  stageName,
  pipeline,
}: {
  item: TimelineItem;
  stageName: (id: unknown) => string;
  pipeline: Schemas["Pipeline"] | null;
}) {
  const t = useMessages(messages);
  const text = (key: string) => (typeof item[key] === "string" ? (item[key] as string) : "");
  switch (item.type) {
    case "note":
      return (
        <p>
          <strong>{t("typeNote")}:</strong> {text("text")}
        </p>
      );
    case "task":
      return (
        <p>
          <strong>{t("typeTask")}:</strong> {text("subject")} (
          {item.status === "done" ? t("taskDone") : t("taskOpen")}){text("result") && ` — ${text("result")}`}
        </p>
      );
    case "stage_move":
      return <p>{t("movedTo", { stage: stageName(item.to_stage_id) })}</p>;
    case "message":
      return (
        <p>
          <strong>{t("typeMessage")}:</strong> {text("text")} · {t("messageState", { state: text("state") })}
          {text("last_error") && <span class="error"> {text("last_error")}</span>}
        </p>
      );
    default: {
      const field = text("field");
      const value = (v: unknown) => {
        if (v === null || v === undefined || v === "") return "—";
        if (field === "stage_id") return stageName(Number(v));
        if (field.endsWith("_at") && typeof v === "string") return formatDateTime(v);
        if (field === "pipeline_id" && pipeline && Number(v) === pipeline.id) return pipeline.name;
        return String(v);
      };
      const label = fieldLabels[field];
      return (
        <p>
          <strong>{t("typeHistory")}:</strong>{" "}
          {t("changed", {
            field: label ? t(label) : field,
            from: value(item.old_value),
            to: value(item.new_value),
          })}
        </p>
      );
    }
  }
}
