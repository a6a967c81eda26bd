// Departments: create one, rename it, change its kind and head.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import { Field, FormFooter, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";

type Department = Schemas["Department"];
type Kind = Schemas["DepartmentKind"];
const kinds: readonly Kind[] = ["sales", "purchasing", "logistics", "other"];

async function load() {
  const [departments, users] = await Promise.all([
    call(client.GET("/api/v1/departments", { params: { query: { limit: 200 } } })),
    call(client.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
  ]);
  return {
    departments: departments.items,
    heads: users.items.filter((u) => u.active && u.role !== "manager"),
  };
}

export function Departments() {
  const t = useMessages(messages);
  const loaded = useLoad(load, []);
  const [status, setStatus] = useState("");
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  const { departments, heads } = loaded.data;
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
        <summary>{t("newDepartment")}</summary>
        <DepartmentForm heads={heads} onSaved={(d) => done(t("departmentCreated", { name: d.name }))} />
      </details>
      <ul class="cards">
        {departments.map((d) => (
          <li key={`${d.id}-${d.updated_at}`}>
            <DepartmentForm department={d} heads={heads} onSaved={() => done(t("saved"))} />
            <ConfirmDelete
              label={t("deleteDepartment", { name: d.name })}
              question={t("deleteDepartmentQuestion")}
              conflict={t("departmentInUse")}
              onConfirm={() =>
                call(client.DELETE("/api/v1/departments/{id}", { params: { path: { id: d.id } } }))
              }
              onDeleted={() => done(t("departmentDeleted", { name: d.name }))}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

function DepartmentForm({
  department,
  heads,
  onSaved,
}: {
  department?: Department;
  heads: Schemas["User"][];
  onSaved: (department: Department) => void;
}) {
  const t = useMessages(messages);
  const form = useForm(department ? `department-${department.id}` : "new-department");
  const [name, setName] = useState(department?.name ?? "");
  const [kind, setKind] = useState<Kind>(department?.kind ?? "sales");
  const [head, setHead] = useState(department?.head_user_id ? String(department.head_user_id) : "");
  const label = (key: "nameOf" | "kindOf" | "headOf", plain: string) =>
    department ? t(key, { name: department.name }) : plain;
  const submit = form.onSubmit(async () => {
    const body = { name, kind, head_user_id: head ? Number(head) : null };
    const saved = department
      ? await call(
          client.PATCH("/api/v1/departments/{id}", { params: { path: { id: department.id } }, body }),
        )
      : await call(client.POST("/api/v1/departments", { body }));
    if (!department) {
      setName("");
      setHead("");
    }
    onSaved(saved);
  });
  return (
    <form class="editor inline-form" onSubmit={submit} noValidate>
      <TextField
        form={form}
        name="name"
        label={label("nameOf", t("title_"))}
        value={name}
        onValue={(v) => setName(v)}
      />
      <Field form={form} name="kind" label={label("kindOf", t("kind"))}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field form={form} name="head_user_id" label={label("headOf", t("head"))}>
        {(p) => (
          <select {...p} value={head} onChange={(e) => setHead(e.currentTarget.value)}>
            <option value="">{t("noHead")}</option>
            {heads.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FormFooter
        form={form}
        submitLabel={department ? t("save") : t("create")}
        submitName={department ? t("saveDepartment", { name: department.name }) : undefined}
      />
    </form>
  );
}
