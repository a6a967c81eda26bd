// Users: create one (role, department, password), change a role or department, deactivate.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { describeError } from "../../ui/errors";
import { Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";

type User = Schemas["User"];
type Role = Schemas["Role"];
export const roles: readonly Role[] = ["manager", "head", "admin"];

async function load() {
  const [users, departments] = await Promise.all([
    call(client.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
    call(client.GET("/api/v1/departments", { params: { query: { limit: 200 } } })),
  ]);
  return { users: users.items, departments: departments.items };
}

export function Users() {
  const t = useMessages(messages);
  const loaded = useLoad(load, []);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  const { users, departments } = loaded.data;

  const change = async (user: User, patch: Schemas["UserPatch"]) => {
    setProblem(null);
    try {
      await call(client.PATCH("/api/v1/users/{id}", { params: { path: { id: user.id } }, body: patch }));
      setStatus(t("userChanged", { name: user.name }));
    } catch (e) {
      setProblem(`${user.name}: ${describeError(e)}`);
    }
    loaded.reload();
  };

  return (
    <>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <NewUser
        departments={departments}
        onCreated={(user) => {
          setStatus(t("userCreated", { name: user.name }));
          loaded.reload();
        }}
      />
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <table class="data">
        <caption class="visually-hidden">{t("users")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("email")}</th>
            <th scope="col">{t("role")}</th>
            <th scope="col">{t("department")}</th>
            <th scope="col">{t("state")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} class={user.active ? undefined : "inactive"}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                <select
                  aria-label={t("roleOf", { name: user.name })}
                  value={user.role}
                  onChange={(e) => change(user, { role: e.currentTarget.value as Role })}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {t(`role_${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={t("departmentOf", { name: user.name })}
                  value={user.department_id === null ? "" : String(user.department_id)}
                  onChange={(e) =>
                    change(user, {
                      department_id: e.currentTarget.value ? Number(e.currentTarget.value) : null,
                    })
                  }
                >
                  <option value="">{t("noDepartment")}</option>
                  {departments.map((d) => (
                    <option key={d.id} value={String(d.id)}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {user.active ? t("active") : t("inactive")}{" "}
                <button
                  type="button"
                  class="secondary"
                  aria-label={
                    user.active
                      ? t("deactivateUser", { name: user.name })
                      : t("activateUser", { name: user.name })
                  }
                  onClick={() => change(user, { active: !user.active })}
                >
                  {user.active ? t("deactivate") : t("activate")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function NewUser({
  departments,
  onCreated,
}: {
  departments: Schemas["Department"][];
  onCreated: (user: User) => void;
}) {
  const t = useMessages(messages);
  const form = useForm("new-user");
  const empty = {
    name: "",
    email: "",
    role: "manager" as Role,
    department_id: "",
    phone_extension: "",
    password: "",
  };
  const [draft, setDraft] = useState(empty);
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = form.onSubmit(async () => {
    const user = await call(
      client.POST("/api/v1/users", {
        body: {
          name: draft.name,
          email: draft.email,
          role: draft.role,
          password: draft.password,
          department_id: draft.department_id ? Number(draft.department_id) : null,
          ...(draft.phone_extension ? { phone_extension: draft.phone_extension } : {}),
        },
      }),
    );
    setDraft(empty);
    onCreated(user);
  });
  return (
    <details class="create">
      <summary>{t("newUser")}</summary>
      <form class="editor" onSubmit={submit} noValidate>
        <TextField
          form={form}
          name="name"
          label={t("name")}
          value={draft.name}
          onValue={(v) => set({ name: v })}
        />
        <TextField
          form={form}
          name="email"
          label={t("email")}
          type="email"
          value={draft.email}
          onValue={(v) => set({ email: v })}
        />
        <SelectField
          form={form}
          name="role"
          label={t("role")}
          value={draft.role}
          onValue={(v) => set({ role: v })}
          choices={roles.map((r) => ({ value: r, label: t(`role_${r}`) }))}
        />
        <Field form={form} name="department_id" label={t("department")}>
          {(p) => (
            <select
              {...p}
              value={draft.department_id}
              onChange={(e) => set({ department_id: e.currentTarget.value })}
            >
              <option value="">{t("noDepartment")}</option>
              {departments.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          form={form}
          name="phone_extension"
          label={t("extension")}
          inputMode="numeric"
          value={draft.phone_extension}
          onValue={(v) => set({ phone_extension: v })}
        />
        <TextField
          form={form}
          name="password"
          label={t("password")}
          hint={t("passwordHint")}
          type="password"
          autoComplete="new-password"
          value={draft.password}
          onValue={(v) => set({ password: v })}
        />
        <FormFooter form={form} submitLabel={t("create")} />
      </form>
    </details>
  );
}
