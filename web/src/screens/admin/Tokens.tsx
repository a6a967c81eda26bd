// API tokens for integrations: issue one (its secret shown this once), revoke one.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { formatDateTime, useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import { Field, FormFooter, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";

type Token = Schemas["ApiToken"];

async function load() {
  const [tokens, users] = await Promise.all([
    call(client.GET("/api/v1/api-tokens", { params: { query: { limit: 200 } } })),
    call(client.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
  ]);
  return { tokens: tokens.items, users: users.items };
}

export function Tokens() {
  const t = useMessages(messages);
  const loaded = useLoad(load, []);
  const form = useForm("new-token");
  const [name, setName] = useState("");
  const [userId, setUserId] = useState("");
  const [issued, setIssued] = useState<Schemas["IssuedApiToken"] | null>(null);
  const [status, setStatus] = useState("");
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  const { tokens, users } = loaded.data;
  const userName = (id: number) => users.find((u) => u.id === id)?.name ?? `#${id}`;

  const issue = form.onSubmit(async () => {
    setIssued(null);
    const token = await call(
      client.POST("/api/v1/api-tokens", { body: { name, ...(userId ? { user_id: Number(userId) } : {}) } }),
    );
    setName("");
    setIssued(token);
    loaded.reload();
  });

  return (
    <>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <details class="create" open={issued !== null || undefined}>
        <summary>{t("newToken")}</summary>
        <form class="editor" onSubmit={issue} noValidate>
          <TextField
            form={form}
            name="name"
            label={t("tokenName")}
            value={name}
            onValue={(v) => setName(v)}
          />
          <Field form={form} name="user_id" label={t("tokenUser")}>
            {(p) => (
              <select {...p} value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
                <option value="">{t("tokenUserSelf")}</option>
                {users
                  .filter((u) => u.active)
                  .map((u) => (
                    <option key={u.id} value={String(u.id)}>
                      {u.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <FormFooter form={form} submitLabel={t("create")} />
        </form>
        {issued && (
          <div class="issued" role="alert">
            <p>{t("tokenIssued", { name: issued.name })}</p>
            <label>
              {t("token")}
              <input readOnly value={issued.token} onFocus={(e) => e.currentTarget.select()} />
            </label>
          </div>
        )}
      </details>
      {tokens.length === 0 ? (
        <p class="empty">{t("noTokens")}</p>
      ) : (
        <table class="data">
          <caption class="visually-hidden">{t("tokens")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("tokenName")}</th>
              <th scope="col">{t("tokenUser")}</th>
              <th scope="col">{t("createdAt")}</th>
              <th scope="col">{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} class={token.revoked_at ? "inactive" : undefined}>
                <td>{token.name}</td>
                <td>{userName(token.user_id)}</td>
                <td>{formatDateTime(token.created_at)}</td>
                <td>
                  {token.revoked_at ? (
                    t("revoked", { at: formatDateTime(token.revoked_at) })
                  ) : (
                    <>
                      {t("works")}{" "}
                      <ConfirmDelete
                        label={t("revokeToken", { name: token.name })}
                        buttonText={t("revoke")}
                        question={t("revokeQuestion")}
                        onConfirm={() =>
                          call(
                            client.DELETE("/api/v1/api-tokens/{id}", { params: { path: { id: token.id } } }),
                          )
                        }
                        onDeleted={() => {
                          setStatus(t("tokenRevoked", { name: token.name }));
                          loaded.reload();
                        }}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
