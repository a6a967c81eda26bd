// Message templates: the list, and the editor with the SMS encoding and part counter that
// follows the typing, and a preview of the saved template for a chosen record.
import { useEffect, useRef, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { navigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import { useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import { Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { headsAndAdmins, isAdmin, Restricted } from "../../ui/Restricted";
import { useLoad } from "../../ui/useLoad";
import { NotFound } from "../not-found/NotFound";
import { AutomationNav } from "./AutomationNav";
import { messages } from "./messages";
import { countSms } from "./sms";

type Template = Schemas["Template"];
type Kind = Schemas["TemplateKind"];

export function Templates({ session }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <TemplateList />
    </Restricted>
  );
}

function TemplateList() {
  const t = useMessages(messages);
  const list = useLoad(
    () => call(client.GET("/api/v1/templates", { params: { query: { limit: 200 } } })),
    [],
  );
  return (
    <section class="admin-screen">
      <h1>{t("title")}</h1>
      <AutomationNav current="templates" />
      <p>
        <a class="button" href="/automation/templates/new">
          {t("newTemplate")}
        </a>
      </p>
      {list.error && (
        <p class="error" role="alert">
          {list.error}
        </p>
      )}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p class="empty">{t("noTemplates")}</p>
        ) : (
          <table class="data">
            <caption class="visually-hidden">{t("templates")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("kind")}</th>
                <th scope="col">{t("body")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((tpl) => (
                <tr key={tpl.id}>
                  <td>
                    <a href={`/automation/templates/${tpl.id}`}>{tpl.name}</a>
                  </td>
                  <td>{tpl.kind === "sms" ? t("kind_sms") : t("kind_email_channel")}</td>
                  <td class="clip">{tpl.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

export function TemplateEditor({ session, params }: ScreenProps) {
  const id = params.id ?? "new";
  const isNew = id === "new";
  const loaded = useLoad(async () => {
    const departments = isAdmin(session)
      ? (await call(client.GET("/api/v1/departments", { params: { query: { limit: 200 } } }))).items
      : [];
    const template = isNew
      ? null
      : await call(client.GET("/api/v1/templates/{id}", { params: { path: { id: Number(id) } } }));
    return { departments, template };
  }, [id]);
  if (!["admin", "head"].includes(session.user.role)) return <NotFound />;
  if (loaded.missing || (!isNew && !(Number(id) > 0))) return <NotFound />;
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  return (
    <TemplateForm
      key={id}
      admin={isAdmin(session)}
      departments={loaded.data.departments}
      template={loaded.data.template}
    />
  );
}

function TemplateForm({
  admin,
  departments,
  template,
}: {
  admin: boolean;
  departments: Schemas["Department"][];
  template: Template | null;
}) {
  const t = useMessages(messages);
  const form = useForm("template");
  const [kind, setKind] = useState<Kind>(template?.kind ?? "sms");
  const [name, setName] = useState(template?.name ?? "");
  const [subject, setSubject] = useState(template?.subject ?? "");
  const [body, setBody] = useState(template?.body ?? "");
  const [html, setHtml] = useState(template?.html ?? "");
  const [department, setDepartment] = useState(template?.department_id ? String(template.department_id) : "");
  const [status, setStatus] = useState("");
  const [saved, setSaved] = useState(template);

  const save = form.onSubmit(async () => {
    const email = kind === "email";
    const common = {
      name,
      body,
      ...(email ? { subject, html: html === "" ? null : html } : {}),
      ...(admin ? { department_id: department ? Number(department) : null } : {}),
    };
    if (saved) {
      setSaved(
        await call(
          client.PATCH("/api/v1/templates/{id}", { params: { path: { id: saved.id } }, body: common }),
        ),
      );
      setStatus(t("saved"));
    } else {
      const created = await call(client.POST("/api/v1/templates", { body: { kind, ...common } }));
      navigate(`/automation/templates/${created.id}`, true);
    }
  });

  return (
    <section class="admin-screen">
      <h1>{template ? t("editTemplate", { name: template.name }) : t("newTemplate")}</h1>
      <AutomationNav current="templates" />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="editor-grid">
        <form class="editor" onSubmit={save} noValidate>
          <Field form={form} name="kind" label={t("kind")}>
            {(p) => (
              <select
                {...p}
                value={kind}
                disabled={template !== null}
                onChange={(e) => setKind(e.currentTarget.value as Kind)}
              >
                <option value="sms">{t("kind_sms")}</option>
                <option value="email">{t("kind_email_channel")}</option>
              </select>
            )}
          </Field>
          <TextField form={form} name="name" label={t("name")} value={name} onValue={(v) => setName(v)} />
          {admin && (
            <Field form={form} name="department_id" label={t("scope")}>
              {(p) => (
                <select {...p} value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
                  <option value="">{t("wholeOrganisation")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={String(d.id)}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {kind === "email" && (
            <TextField
              form={form}
              name="subject"
              label={t("emailSubject")}
              value={subject}
              onValue={(v) => setSubject(v)}
            />
          )}
          <Field
            form={form}
            name="body"
            label={t("body")}
            hint={kind === "sms" ? <SmsCounter text={body} /> : t("bodyHint")}
          >
            {(p) => <textarea {...p} rows={6} value={body} onInput={(e) => setBody(e.currentTarget.value)} />}
          </Field>
          {kind === "email" && (
            <TextField
              form={form}
              name="html"
              label={t("html")}
              area
              value={html}
              onValue={(v) => setHtml(v)}
            />
          )}
          <FormFooter form={form}>
            {saved && (
              <ConfirmDelete
                label={t("deleteTemplate", { name: saved.name })}
                question={t("deleteTemplateQuestion")}
                onConfirm={() =>
                  call(client.DELETE("/api/v1/templates/{id}", { params: { path: { id: saved.id } } }))
                }
                onDeleted={() => navigate("/automation/templates")}
              />
            )}
          </FormFooter>
        </form>
        {saved ? <Preview template={saved} /> : <p class="hint">{t("saveFirst")}</p>}
      </div>
    </section>
  );
}

// The encoding and parts of the text as typed; live, so it is announced politely.
function SmsCounter({ text }: { text: string }) {
  const t = useMessages(messages);
  const count = countSms(text);
  return (
    <>
      <output class="sms-counter" aria-live="polite">
        {count.parts === 0
          ? t("smsCounterEmpty", { encoding: count.encoding })
          : t("smsCounter", {
              encoding: count.encoding,
              units: count.units,
              capacity: count.parts * count.perPart,
              parts: count.parts,
            })}
      </output>{" "}
      {t("smsCounterNote")}
    </>
  );
}

type PreviewRecordType = Schemas["TemplatePreviewRequest"]["record_type"];

function Preview({ template }: { template: Template }) {
  const t = useMessages(messages);
  const form = useForm("preview");
  const [recordType, setRecordType] = useState<PreviewRecordType>("deal");
  const [recordId, setRecordId] = useState("");
  const [result, setResult] = useState<Schemas["TemplatePreview"] | null>(null);
  const render = async () => {
    setResult(null);
    const id = /^\d+$/.test(recordId.trim()) ? Number(recordId) : 0;
    setResult(
      await call(
        client.POST("/api/v1/templates/{id}/preview", {
          params: { path: { id: template.id } },
          body: { record_type: recordType, record_id: id },
        }),
      ),
    );
  };
  const show = form.onSubmit(render);
  // A preview on screen follows each save of the template.
  const shown = useRef(false);
  shown.current = result !== null;
  // Each save hands a new template object, so each save re-renders the preview; updated_at would
  // not do, as it counts whole seconds and two saves may fall in one.
  useEffect(() => {
    if (shown.current) void form.run(render);
  }, [template]);
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("previewFor")}</h2>
      <p class="hint">{t("previewSaved")}</p>
      <form onSubmit={show} noValidate>
        <SelectField
          form={form}
          name="record_type"
          label={t("recordType")}
          value={recordType}
          onValue={(v) => setRecordType(v)}
          choices={(["deal", "lead", "contact", "company"] as const).map((r) => ({
            value: r,
            label: t(`type_${r}`),
          }))}
        />
        <TextField
          form={form}
          name="record_id"
          label={t("recordId")}
          inputMode="numeric"
          value={recordId}
          onValue={(v) => setRecordId(v)}
        />
        <FormFooter form={form} submitLabel={t("showPreview")} />
      </form>
      {result && (
        <div class="preview-result">
          {result.subject && <p class="subject">{result.subject}</p>}
          <pre>{result.text}</pre>
          {result.kind === "sms" && (
            <p class="hint">
              {t("previewParts", {
                encoding: result.encoding ?? "",
                characters: result.characters ?? 0,
                parts: result.parts ?? 0,
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
