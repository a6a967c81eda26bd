// The organisation's settings: name, time zone, default language, currency, phone region.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { setTimeZone, useMessages } from "../../i18n/i18n";
import { Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";

type Settings = Schemas["Settings"];
const currencies: readonly Settings["currency"][] = [
  "RUB",
  "USD",
  "EUR",
  "KZT",
  "BYN",
  "UZS",
  "CNY",
  "GBP",
  "AMD",
  "GEL",
  "AED",
  "TRY",
];

// The IANA zones the browser knows, offered as suggestions; the server decides what it accepts.
function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

export function Organisation() {
  const loaded = useLoad(() => call(client.GET("/api/v1/settings")), []);
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  return <SettingsForm settings={loaded.data} />;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const t = useMessages(messages);
  const form = useForm("settings");
  const [draft, setDraft] = useState(settings);
  const [status, setStatus] = useState("");
  const set = (patch: Partial<Settings>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = form.onSubmit(async () => {
    const saved = await call(
      client.PATCH("/api/v1/settings", {
        body: {
          organisation_name: draft.organisation_name,
          time_zone: draft.time_zone,
          language: draft.language,
          currency: draft.currency,
          phone_region: draft.phone_region,
        },
      }),
    );
    setTimeZone(saved.time_zone);
    setStatus(t("saved"));
  });
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <TextField
        form={form}
        name="organisation_name"
        label={t("organisationName")}
        value={draft.organisation_name}
        onValue={(v) => set({ organisation_name: v })}
      />
      <Field form={form} name="time_zone" label={t("timeZone")}>
        {(p) => (
          <>
            <input
              {...p}
              list="time-zones"
              value={draft.time_zone}
              onInput={(e) => set({ time_zone: e.currentTarget.value })}
            />
            <datalist id="time-zones">
              {timeZones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field form={form} name="language" label={t("language")}>
        {(p) => (
          <select
            {...p}
            value={draft.language}
            onChange={(e) => set({ language: e.currentTarget.value as "ru" | "en" })}
          >
            <option value="ru">Русский</option>
            <option value="en">English</option>
          </select>
        )}
      </Field>
      <SelectField
        form={form}
        name="currency"
        label={t("currency")}
        value={draft.currency}
        onValue={(v) => set({ currency: v })}
        choices={currencies.map((c) => ({ value: c, label: c }))}
      />
      <TextField
        form={form}
        name="phone_region"
        label={t("phoneRegion")}
        hint={t("phoneRegionHint")}
        value={draft.phone_region}
        onValue={(v) => set({ phone_region: v })}
      />
      <FormFooter form={form} />
    </form>
  );
}
