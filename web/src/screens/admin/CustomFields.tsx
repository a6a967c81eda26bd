// Custom fields per record type: define one; add options to a list, change whether it is required.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import { CheckField, Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";
import { listOf } from "./text";

type CustomField = Schemas["CustomField"];
type FieldType = Schemas["CustomFieldType"];
type RecordType = Schemas["RecordType"];
const types: readonly FieldType[] = ["string", "number", "money", "date", "bool", "enum"];
const recordTypes: readonly RecordType[] = ["deal", "lead", "contact", "company"];

export function CustomFields() {
  const t = useMessages(messages);
  const loaded = useLoad(() => call(client.GET("/api/v1/custom-fields")), []);
  const [status, setStatus] = useState("");
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  const done = (text: string) => {
    setStatus(text);
    loaded.reload();
  };
  return (
    <>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <details class="create">
        <summary>{t("newField")}</summary>
        <NewField onCreated={(f) => done(t("fieldCreated", { name: f.name }))} />
      </details>
      {loaded.data.items.length === 0 ? (
        <p class="empty">{t("noFields")}</p>
      ) : (
        <ul class="cards">
          {loaded.data.items.map((f) => (
            <li key={`${f.id}-${f.updated_at}`}>
              <FieldCard field={f} onSaved={() => done(t("fieldSaved", { name: f.name }))} />
              <ConfirmDelete
                label={t("deleteField", { name: f.name })}
                question={t("deleteFieldQuestion")}
                onConfirm={() =>
                  call(client.DELETE("/api/v1/custom-fields/{id}", { params: { path: { id: f.id } } }))
                }
                onDeleted={() => done(t("fieldDeleted", { name: f.name }))}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewField({ onCreated }: { onCreated: (field: CustomField) => void }) {
  const t = useMessages(messages);
  const form = useForm("new-field");
  const [recordType, setRecordType] = useState<RecordType>("deal");
  const [name, setName] = useState("");
  const [type, setType] = useState<FieldType>("string");
  const [options, setOptions] = useState("");
  const [required, setRequired] = useState(false);
  const submit = form.onSubmit(async () => {
    const created = await call(
      client.POST("/api/v1/custom-fields", {
        body: {
          record_type: recordType,
          name,
          type,
          required,
          ...(type === "enum" ? { options: listOf(options) } : {}),
        },
      }),
    );
    setName("");
    setOptions("");
    onCreated(created);
  });
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <SelectField
        form={form}
        name="record_type"
        label={t("recordType")}
        value={recordType}
        onValue={(v) => setRecordType(v)}
        choices={recordTypes.map((r) => ({ value: r, label: t(`type_${r}`) }))}
      />
      <TextField
        form={form}
        name="name"
        label={t("fieldName")}
        hint={t("fieldNameHint")}
        value={name}
        onValue={(v) => setName(v)}
      />
      <SelectField
        form={form}
        name="type"
        label={t("fieldType")}
        value={type}
        onValue={(v) => setType(v)}
        choices={types.map((ft) => ({ value: ft, label: t(`ftype_${ft}`) }))}
      />
      {type === "enum" && (
        <TextField
          form={form}
          name="options"
          label={t("options")}
          hint={t("optionsHint")}
          value={options}
          onValue={(v) => setOptions(v)}
        />
      )}
      <CheckField
        form={form}
        name="required"
        label={t("required")}
        checked={required}
        onValue={(v) => setRequired(v)}
      />
      <FormFooter form={form} submitLabel={t("create")} />
    </form>
  );
}

function FieldCard({ field, onSaved }: { field: CustomField; onSaved: () => void }) {
  const t = useMessages(messages);
  const form = useForm(`field-${field.id}`);
  const [options, setOptions] = useState(field.options.join(", "));
  const [required, setRequired] = useState(field.required);
  const submit = form.onSubmit(async () => {
    await call(
      client.PATCH("/api/v1/custom-fields/{id}", {
        params: { path: { id: field.id } },
        body: { required, ...(field.type === "enum" ? { options: listOf(options) } : {}) },
      }),
    );
    onSaved();
  });
  return (
    <form class="editor inline-form" onSubmit={submit} noValidate>
      <p>
        <strong>{field.name}</strong> <span class="kind">{t(`type_${field.record_type}`)}</span> ·{" "}
        {t(`ftype_${field.type}`)}
      </p>
      {field.type === "enum" && (
        <Field
          form={form}
          name="options"
          label={t("optionsOf", { name: field.name })}
          hint={t("optionsHint")}
        >
          {(p) => <input {...p} value={options} onInput={(e) => setOptions(e.currentTarget.value)} />}
        </Field>
      )}
      <CheckField
        form={form}
        name="required"
        label={t("requiredOf", { name: field.name })}
        checked={required}
        onValue={(v) => setRequired(v)}
      />
      <FormFooter form={form} submitLabel={t("save")} submitName={t("saveField", { name: field.name })} />
    </form>
  );
}
