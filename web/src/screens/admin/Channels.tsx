// Delivery channels: the SMTP server and the SMS provider, each with a test message, and the
// outbound allow-list. Secrets (the SMTP password, the SMS API key) are never shown: an empty
// input keeps the stored one.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { CheckField, Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";
import { linesOf, listOf, mapOf } from "./text";

async function load() {
  const [smtp, sms, outbound] = await Promise.all([
    call(client.GET("/api/v1/settings/smtp")),
    call(client.GET("/api/v1/settings/sms")),
    call(client.GET("/api/v1/settings/outbound")),
  ]);
  return { smtp, sms, outbound };
}

export function Channels() {
  const loaded = useLoad(load, []);
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  return (
    <>
      <SmtpForm settings={loaded.data.smtp} />
      <SmsForm settings={loaded.data.sms} />
      <OutboundForm settings={loaded.data.outbound} />
    </>
  );
}

function SmtpForm({ settings }: { settings: Schemas["SmtpSettings"] }) {
  const t = useMessages(messages);
  const form = useForm("smtp");
  const [draft, setDraft] = useState({
    host: settings.host,
    port: String(settings.port || 587),
    security: settings.security,
    username: settings.username,
    from: settings.from,
  });
  const [password, setPassword] = useState("");
  const [removePassword, setRemovePassword] = useState(false);
  const [passwordSet, setPasswordSet] = useState(settings.password_set);
  const [status, setStatus] = useState(settings.configured ? "" : t("notConfigured"));
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = form.onSubmit(async () => {
    const saved = await call(
      client.PUT("/api/v1/settings/smtp", {
        body: {
          host: draft.host,
          port: Number(draft.port),
          security: draft.security,
          username: draft.username,
          from: draft.from,
          ...(removePassword ? { password: null } : password ? { password } : {}),
        },
      }),
    );
    setPassword("");
    setRemovePassword(false);
    setPasswordSet(saved.password_set);
    setStatus(t("saved"));
  });
  return (
    <section aria-labelledby="smtp-title">
      <h2 id="smtp-title">{t("smtp")}</h2>
      <form class="editor" onSubmit={submit} noValidate>
        <p class="status" role="status" aria-live="polite">
          {status}
        </p>
        <TextField
          form={form}
          name="host"
          label={t("host")}
          value={draft.host}
          onValue={(v) => set({ host: v })}
        />
        <TextField
          form={form}
          name="port"
          label={t("port")}
          inputMode="numeric"
          value={draft.port}
          onValue={(v) => set({ port: v })}
        />
        <SelectField
          form={form}
          name="security"
          label={t("security")}
          value={draft.security}
          onValue={(v) => set({ security: v })}
          choices={(["none", "starttls", "ssl"] as const).map((s) => ({
            value: s,
            label: t(`security_${s}`),
          }))}
        />
        <TextField
          form={form}
          name="username"
          label={t("username")}
          autoComplete="off"
          value={draft.username}
          onValue={(v) => set({ username: v })}
        />
        <Field
          form={form}
          name="password"
          label={t("password")}
          hint={passwordSet ? t("passwordKept") : undefined}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        {passwordSet && (
          <CheckField
            form={form}
            name="remove_password"
            label={t("removePassword")}
            checked={removePassword}
            onValue={(v) => setRemovePassword(v)}
          />
        )}
        <TextField
          form={form}
          name="from"
          label={t("from")}
          hint={t("fromHint")}
          value={draft.from}
          onValue={(v) => set({ from: v })}
        />
        <FormFooter form={form} />
      </form>
      <TestSend channel="smtp" />
    </section>
  );
}

type SmsSettings = Schemas["SmsSettings"];

function SmsForm({ settings }: { settings: SmsSettings }) {
  const t = useMessages(messages);
  const form = useForm("sms");
  const [preset, setPreset] = useState<SmsSettings["preset"]>(settings.preset);
  const [apiKey, setApiKey] = useState("");
  const [keySet, setKeySet] = useState(settings.api_key_set);
  const [draft, setDraft] = useState({
    sender: settings.sender,
    base_url: settings.base_url ?? "",
    url: settings.url ?? "",
    method: settings.method ?? "POST",
    params: linesOf(settings.params),
    body_template: settings.body_template ?? "",
    content_type: settings.content_type ?? "",
    success_pointer: settings.success_pointer ?? "",
    success_value: settings.success_value ?? "",
    id_pointer: settings.id_pointer ?? "",
  });
  const [status, setStatus] = useState(settings.configured ? "" : t("notConfigured"));
  const set = (patch: Partial<typeof draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = form.onSubmit(async () => {
    const optional = (value: string) => (value.trim() === "" ? undefined : value);
    const body: Schemas["SmsSettingsInput"] =
      preset === "smsru"
        ? { preset, sender: draft.sender, base_url: optional(draft.base_url) }
        : {
            preset,
            sender: draft.sender,
            url: draft.url,
            method: draft.method,
            params: mapOf(draft.params),
            body_template: optional(draft.body_template),
            content_type: optional(draft.content_type),
            success_pointer: optional(draft.success_pointer),
            success_value: optional(draft.success_value),
            id_pointer: optional(draft.id_pointer),
          };
    if (apiKey) body.api_key = apiKey;
    const saved = await call(client.PUT("/api/v1/settings/sms", { body: JSON.parse(JSON.stringify(body)) }));
    setApiKey("");
    setKeySet(saved.api_key_set);
    setStatus(t("saved"));
  });
  const text = (key: Exclude<keyof typeof draft, "method">, label: string, hint?: string, area = false) => (
    <Field form={form} name={key} label={label} hint={hint}>
      {(p) =>
        area ? (
          <textarea
            {...p}
            rows={3}
            value={draft[key]}
            onInput={(e) => set({ [key]: e.currentTarget.value })}
          />
        ) : (
          <input {...p} value={draft[key]} onInput={(e) => set({ [key]: e.currentTarget.value })} />
        )
      }
    </Field>
  );
  return (
    <section aria-labelledby="sms-title">
      <h2 id="sms-title">{t("sms")}</h2>
      <form class="editor" onSubmit={submit} noValidate>
        <p class="status" role="status" aria-live="polite">
          {status}
        </p>
        <Field form={form} name="preset" label={t("preset")}>
          {(p) => (
            <select
              {...p}
              value={preset}
              onChange={(e) => setPreset(e.currentTarget.value as SmsSettings["preset"])}
            >
              <option value="smsru">{t("preset_smsru")}</option>
              <option value="custom">{t("preset_custom")}</option>
            </select>
          )}
        </Field>
        <TextField
          form={form}
          name="api_key"
          label={t("apiKey")}
          hint={keySet ? t("apiKeyKept") : undefined}
          type="password"
          autoComplete="new-password"
          value={apiKey}
          onValue={(v) => setApiKey(v)}
        />
        {text("sender", t("sender"))}
        {preset === "smsru" && text("base_url", t("baseUrl"))}
        {preset === "custom" && (
          <>
            {text("url", t("url"))}
            <Field form={form} name="method" label={t("method")}>
              {(p) => (
                <select
                  {...p}
                  value={draft.method}
                  onChange={(e) => set({ method: e.currentTarget.value as "GET" | "POST" })}
                >
                  <option value="POST">POST</option>
                  <option value="GET">GET</option>
                </select>
              )}
            </Field>
            {text("params", t("params"), t("paramsHint"), true)}
            {text("body_template", t("bodyTemplate"), undefined, true)}
            {text("content_type", t("contentType"))}
            {text("success_pointer", t("successPointer"))}
            {text("success_value", t("successValue"))}
            {text("id_pointer", t("idPointer"))}
          </>
        )}
        <FormFooter form={form} />
      </form>
      <TestSend channel="sms" />
    </section>
  );
}

// One message through the saved settings, sent at once; the answer says whether it was delivered.
function TestSend({ channel }: { channel: "smtp" | "sms" }) {
  const t = useMessages(messages);
  const form = useForm(`${channel}-test`);
  const [to, setTo] = useState("");
  const [status, setStatus] = useState("");
  const submit = form.onSubmit(async () => {
    setStatus("");
    const result = await call(
      channel === "smtp"
        ? client.POST("/api/v1/settings/smtp/test", { body: { to } })
        : client.POST("/api/v1/settings/sms/test", { body: { to } }),
    );
    setStatus(result.delivered ? t("testDelivered") : t("testFailed", { error: result.error ?? "" }));
  });
  return (
    <form class="editor" onSubmit={submit} noValidate aria-label={t("testTitle")}>
      <TextField
        form={form}
        name="to"
        label={channel === "smtp" ? t("testEmailTo") : t("testSmsTo")}
        hint={t("testHint")}
        type={channel === "smtp" ? "email" : "tel"}
        value={to}
        onValue={(v) => setTo(v)}
      />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <FormFooter form={form} submitLabel={t("sendTest")} />
    </form>
  );
}

function OutboundForm({ settings }: { settings: Schemas["OutboundSettings"] }) {
  const t = useMessages(messages);
  const form = useForm("outbound");
  const [allowed, setAllowed] = useState(settings.allowed.join("\n"));
  const [status, setStatus] = useState("");
  const submit = form.onSubmit(async () => {
    const saved = await call(
      client.PUT("/api/v1/settings/outbound", { body: { allowed: listOf(allowed, /\n/) } }),
    );
    setAllowed(saved.allowed.join("\n"));
    setStatus(t("saved"));
  });
  return (
    <section aria-labelledby="outbound-title">
      <h2 id="outbound-title">{t("outbound")}</h2>
      <form class="editor" onSubmit={submit} noValidate>
        <p class="status" role="status" aria-live="polite">
          {status}
        </p>
        <TextField
          form={form}
          name="allowed"
          label={t("allowed")}
          hint={t("outboundHint")}
          area
          value={allowed}
          onValue={(v) => setAllowed(v)}
        />
        <FormFooter form={form} />
      </form>
    </section>
  );
}
