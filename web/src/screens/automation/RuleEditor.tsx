// Creates or changes an automation rule: trigger, conditions, actions, delay. The server checks
// the rule whole and names the JSON path of the first problem (`conditions[0].field`); the form
// shows it at that control and keeps everything typed.
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { navigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import type { Session } from "../../app/session";
import { useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import {
  CheckField,
  Field,
  FormFooter,
  type FormState,
  SelectField,
  TextField,
  useForm,
} from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { headsAndAdmins, isAdmin, Restricted } from "../../ui/Restricted";
import { useLoad } from "../../ui/useLoad";
import { NotFound } from "../not-found/NotFound";
import { AutomationNav } from "./AutomationNav";
import { messages } from "./messages";
import {
  type ActionDraft,
  actionKeys,
  actionTypes,
  type ConditionDraft,
  draftOf,
  emptyAction,
  emptyCondition,
  emptyRule,
  type Op,
  ops,
  type RuleDraft,
  recordTypes,
  ruleOf,
  type TriggerDraft,
  triggerKeys,
  triggerTypes,
} from "./ruleDraft";

const opKey = {
  "=": "op_eq",
  "!=": "op_ne",
  ">": "op_gt",
  "<": "op_lt",
  in: "op_in",
  empty: "op_empty",
} as const;

interface Choices {
  pipelines: Schemas["Pipeline"][];
  templates: Schemas["Template"][];
  users: Schemas["User"][];
  departments: Schemas["Department"][];
}

async function loadChoices(): Promise<Choices> {
  const [pipelines, templates, users, departments] = await Promise.all([
    call(client.GET("/api/v1/pipelines")),
    call(client.GET("/api/v1/templates", { params: { query: { limit: 200 } } })),
    call(client.GET("/api/v1/users", { params: { query: { limit: 200 } } })),
    call(client.GET("/api/v1/departments", { params: { query: { limit: 200 } } })),
  ]);
  return {
    pipelines: pipelines.items,
    templates: templates.items,
    users: users.items.filter((u) => u.active),
    departments: departments.items,
  };
}

export function RuleEditor({ session, params }: ScreenProps) {
  return (
    <Restricted session={session} roles={headsAndAdmins}>
      <RuleLoader session={session} id={params.id ?? "new"} />
    </Restricted>
  );
}

function RuleLoader({ session, id }: { session: Session; id: string }) {
  const isNew = id === "new";
  const ruleId = Number(id);
  const loaded = useLoad(async () => {
    const choices = await loadChoices();
    const rule = isNew
      ? null
      : await call(client.GET("/api/v1/automation/rules/{id}", { params: { path: { id: ruleId } } }));
    return { choices, rule };
  }, [id]);
  if (loaded.missing || (!isNew && !(Number.isSafeInteger(ruleId) && ruleId > 0))) return <NotFound />;
  const wait = pending(loaded);
  if (wait || loaded.data === undefined) return wait;
  return (
    <RuleForm
      key={id}
      session={session}
      choices={loaded.data.choices}
      rule={loaded.data.rule}
      initial={loaded.data.rule ? draftOf(loaded.data.rule) : emptyRule()}
    />
  );
}

function RuleForm({
  session,
  choices,
  rule,
  initial,
}: {
  session: Session;
  choices: Choices;
  rule: Schemas["AutomationRule"] | null;
  initial: RuleDraft;
}) {
  const t = useMessages(messages);
  const form = useForm("rule");
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [status, setStatus] = useState("");
  const admin = isAdmin(session);
  const change = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const changeTrigger = (patch: Partial<TriggerDraft>) =>
    setDraft((d) => ({ ...d, trigger: { ...d.trigger, ...patch } }));
  const changeCondition = (i: number, patch: Partial<ConditionDraft>) =>
    setDraft((d) => ({ ...d, conditions: d.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const changeAction = (i: number, patch: Partial<ActionDraft>) =>
    setDraft((d) => ({ ...d, actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));

  const save = form.onSubmit(async () => {
    const body = ruleOf(draft, { withDepartment: admin });
    if (rule) {
      await call(client.PATCH("/api/v1/automation/rules/{id}", { params: { path: { id: rule.id } }, body }));
      setStatus(t("saved"));
    } else {
      const created = await call(client.POST("/api/v1/automation/rules", { body }));
      navigate(`/automation/rules/${created.id}`, true);
    }
  });

  const pipelines = choices.pipelines.filter((p) => p.record_type === draft.record_type);
  const allStages = choices.pipelines.flatMap((p) => p.stages.map((s) => ({ ...s, pipeline: p.name })));
  const triggerStages = draft.trigger.pipeline_id
    ? allStages.filter((s) => String(s.pipeline_id) === draft.trigger.pipeline_id)
    : allStages.filter((s) => pipelines.some((p) => p.id === s.pipeline_id));
  const shows = (key: keyof TriggerDraft) =>
    (triggerKeys[draft.trigger.type] as readonly string[]).includes(key);

  return (
    <section class="admin-screen">
      <h1>{rule ? t("editRule", { name: rule.name }) : t("newRule")}</h1>
      <AutomationNav current="rules" />
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <form class="editor" onSubmit={save} noValidate>
        <TextField
          form={form}
          name="name"
          label={t("name")}
          value={draft.name}
          onValue={(v) => change({ name: v })}
        />
        <SelectField
          form={form}
          name="record_type"
          label={t("recordType")}
          value={draft.record_type}
          onValue={(v) => change({ record_type: v })}
          choices={recordTypes.map((r) => ({ value: r, label: t(`type_${r}`) }))}
        />
        <CheckField
          form={form}
          name="enabled"
          label={t("enabled")}
          checked={draft.enabled}
          onValue={(v) => change({ enabled: v })}
        />
        {admin && (
          <Field form={form} name="department_id" label={t("scope")}>
            {(p) => (
              <select
                {...p}
                value={draft.department_id}
                onChange={(e) => change({ department_id: e.currentTarget.value })}
              >
                <option value="">{t("wholeOrganisation")}</option>
                {choices.departments.map((d) => (
                  <option key={d.id} value={String(d.id)}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}

        <fieldset>
          <legend>{t("trigger")}</legend>
          <SelectField
            form={form}
            name="trigger.type"
            label={t("triggerType")}
            value={draft.trigger.type}
            onValue={(v) => changeTrigger({ type: v })}
            choices={triggerTypes.map((type) => ({ value: type, label: t(`trigger_${type}`) }))}
          />
          {shows("pipeline_id") && (
            <Field form={form} name="trigger.pipeline_id" label={t("pipeline")}>
              {(p) => (
                <select
                  {...p}
                  value={draft.trigger.pipeline_id}
                  onChange={(e) => changeTrigger({ pipeline_id: e.currentTarget.value, stage_id: "" })}
                >
                  <option value="">{t("anyPipeline")}</option>
                  {pipelines.map((pipeline) => (
                    <option key={pipeline.id} value={String(pipeline.id)}>
                      {pipeline.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {shows("stage_id") && (
            <Field form={form} name="trigger.stage_id" label={t("stage")}>
              {(p) => (
                <select
                  {...p}
                  value={draft.trigger.stage_id}
                  onChange={(e) => changeTrigger({ stage_id: e.currentTarget.value })}
                >
                  <option value="">
                    {draft.trigger.type === "stage_entered" ? t("chooseStage") : t("anyStage")}
                  </option>
                  {triggerStages.map((s) => (
                    <option key={s.id} value={String(s.id)}>
                      {draft.trigger.pipeline_id ? s.name : `${s.pipeline}: ${s.name}`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {shows("field") && (
            <TextField
              form={form}
              name="trigger.field"
              label={t("field")}
              hint={t("fieldHint")}
              value={draft.trigger.field}
              onValue={(v) => changeTrigger({ field: v })}
            />
          )}
          {shows("to") && (
            <TextField
              form={form}
              name="trigger.to"
              label={t("toValue")}
              value={draft.trigger.to}
              onValue={(v) => changeTrigger({ to: v })}
            />
          )}
          {shows("relative_to") && (
            <TextField
              form={form}
              name="trigger.relative_to"
              label={t("relativeTo")}
              hint={t("relativeToHint")}
              value={draft.trigger.relative_to}
              onValue={(v) => changeTrigger({ relative_to: v })}
            />
          )}
          {shows("offset") && (
            <TextField
              form={form}
              name="trigger.offset"
              label={t("offset")}
              hint={t("durationHint")}
              value={draft.trigger.offset}
              onValue={(v) => changeTrigger({ offset: v })}
            />
          )}
        </fieldset>

        <fieldset>
          <legend>{t("conditions")}</legend>
          {draft.conditions.length === 0 && <p class="hint">{t("noConditions")}</p>}
          {draft.conditions.map((c, i) => (
            <fieldset key={i} class="row">
              <legend>{t("condition", { n: i + 1 })}</legend>
              <TextField
                form={form}
                name={`conditions.${i}.field`}
                label={t("field")}
                value={c.field}
                onValue={(v) => changeCondition(i, { field: v })}
              />
              <Field form={form} name={`conditions.${i}.op`} label={t("op")}>
                {(p) => (
                  <select
                    {...p}
                    value={c.op}
                    onChange={(e) => changeCondition(i, { op: e.currentTarget.value as Op })}
                  >
                    {ops.map((op) => (
                      <option key={op} value={op}>
                        {t(opKey[op])}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                form={form}
                name={`conditions.${i}.value`}
                label={t("value")}
                value={c.value}
                onValue={(v) => changeCondition(i, { value: v })}
              />
              <button
                type="button"
                class="secondary"
                onClick={() => change({ conditions: draft.conditions.filter((_, j) => j !== i) })}
              >
                {t("removeCondition", { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <p class="hint">
            {t("fieldHint")}. {t("valueHint")}.
          </p>
          <button
            type="button"
            class="secondary"
            onClick={() => change({ conditions: [...draft.conditions, emptyCondition()] })}
          >
            {t("addCondition")}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t("actions")}</legend>
          {draft.actions.map((a, i) => (
            <ActionFields
              key={i}
              form={form}
              index={i}
              action={a}
              choices={choices}
              onChange={(patch) => changeAction(i, patch)}
              onRemove={
                draft.actions.length > 1
                  ? () => change({ actions: draft.actions.filter((_, j) => j !== i) })
                  : undefined
              }
            />
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => change({ actions: [...draft.actions, emptyAction()] })}
          >
            {t("addAction")}
          </button>
        </fieldset>

        <TextField
          form={form}
          name="delay"
          label={t("delay")}
          hint={t("durationHint")}
          value={draft.delay}
          onValue={(v) => change({ delay: v })}
        />

        <FormFooter form={form}>
          {rule && (
            <ConfirmDelete
              label={t("deleteRule", { name: rule.name })}
              question={t("deleteRuleQuestion")}
              onConfirm={() =>
                call(client.DELETE("/api/v1/automation/rules/{id}", { params: { path: { id: rule.id } } }))
              }
              onDeleted={() => navigate("/automation")}
            />
          )}
        </FormFooter>
      </form>
    </section>
  );
}

function ActionFields({
  form,
  index,
  action,
  choices,
  onChange,
  onRemove,
}: {
  form: FormState;
  index: number;
  action: ActionDraft;
  choices: Choices;
  onChange: (patch: Partial<ActionDraft>) => void;
  onRemove?: () => void;
}) {
  const t = useMessages(messages);
  const name = (key: string) => `actions.${index}.${key}`;
  const shows = (key: keyof ActionDraft) => (actionKeys[action.type] as readonly string[]).includes(key);
  const templateKind = action.type === "send_sms" ? "sms" : "email";
  const userOptions = choices.users.map((u) => (
    <option key={u.id} value={String(u.id)}>
      {u.name}
    </option>
  ));
  const text = (
    key: "subject" | "due" | "location" | "url" | "text" | "user_ids",
    label: string,
    hint?: string,
  ) =>
    shows(key) && (
      <TextField
        form={form}
        name={name(key)}
        label={label}
        hint={hint}
        value={action[key]}
        onValue={(v) => onChange({ [key]: v })}
      />
    );
  return (
    <fieldset class="row">
      <legend>{t("action", { n: index + 1 })}</legend>
      <SelectField
        form={form}
        name={name("type")}
        label={t("actionType")}
        value={action.type}
        onValue={(v) => onChange({ type: v })}
        choices={actionTypes.map((type) => ({ value: type, label: t(`action_${type}`) }))}
      />
      {shows("template_id") && (
        <Field form={form} name={name("template_id")} label={t("template")}>
          {(p) => (
            <select
              {...p}
              value={action.template_id}
              onChange={(e) => onChange({ template_id: e.currentTarget.value })}
            >
              <option value="">{t("chooseTemplate")}</option>
              {choices.templates
                .filter((tpl) => tpl.kind === templateKind)
                .map((tpl) => (
                  <option key={tpl.id} value={String(tpl.id)}>
                    {tpl.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      {shows("to") && (
        <Field form={form} name={name("to")} label={t("recipient")}>
          {(p) => (
            <select {...p} value={action.to} onChange={(e) => onChange({ to: e.currentTarget.value })}>
              <option value="contact">{t("to_contact")}</option>
              <option value="owner">{t("to_owner")}</option>
            </select>
          )}
        </Field>
      )}
      {shows("kind") && (
        <SelectField
          form={form}
          name={name("kind")}
          label={t("taskKind")}
          value={action.kind}
          onValue={(v) => onChange({ kind: v })}
          choices={(["call", "meeting", "email", "todo"] as const).map((k) => ({
            value: k,
            label: t(`kind_${k}`),
          }))}
        />
      )}
      {text("subject", t("subject"))}
      {text("due", t("due"), t("durationHint"))}
      {shows("assignee_id") && (
        <Field form={form} name={name("assignee_id")} label={t("assignee")}>
          {(p) => (
            <select
              {...p}
              value={action.assignee_id}
              onChange={(e) => onChange({ assignee_id: e.currentTarget.value })}
            >
              <option value="">{t("recordOwner")}</option>
              {userOptions}
            </select>
          )}
        </Field>
      )}
      {text("location", t("location"))}
      {shows("owner_id") && (
        <Field form={form} name={name("owner_id")} label={t("owner")}>
          {(p) => (
            <select
              {...p}
              value={action.owner_id}
              onChange={(e) => onChange({ owner_id: e.currentTarget.value })}
            >
              <option value="">{t("chooseUser")}</option>
              {userOptions}
            </select>
          )}
        </Field>
      )}
      {shows("stage_id") && (
        <Field form={form} name={name("stage_id")} label={t("stage")}>
          {(p) => (
            <select
              {...p}
              value={action.stage_id}
              onChange={(e) => onChange({ stage_id: e.currentTarget.value })}
            >
              <option value="">{t("chooseStage")}</option>
              {choices.pipelines.flatMap((pipeline) =>
                pipeline.stages.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {`${pipeline.name}: ${s.name}`}
                  </option>
                )),
              )}
            </select>
          )}
        </Field>
      )}
      {text("url", t("url"))}
      {shows("secret") && (
        <TextField
          form={form}
          name={name("secret")}
          label={t("secret")}
          hint={t("secretHint")}
          type="password"
          autoComplete="new-password"
          value={action.secret}
          onValue={(v) => onChange({ secret: v })}
        />
      )}
      {text("text", t("text"))}
      {text("user_ids", t("userIds"))}
      {shows("owner") && (
        <CheckField
          form={form}
          name={name("owner")}
          label={t("notifyOwner")}
          checked={action.owner}
          onValue={(v) => onChange({ owner: v })}
        />
      )}
      {shows("head") && (
        <CheckField
          form={form}
          name={name("head")}
          label={t("notifyHead")}
          checked={action.head}
          onValue={(v) => onChange({ head: v })}
        />
      )}
      {onRemove && (
        <button type="button" class="secondary" onClick={onRemove}>
          {t("removeAction", { n: index + 1 })}
        </button>
      )}
    </fieldset>
  );
}
