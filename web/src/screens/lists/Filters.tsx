// The filters form of a list: only the filters its API accepts (query.ts), with the choices
// the signed-in user has (owners in sight, pipelines, stages, custom fields).
import type { Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { messages } from "./messages";
import { type ListFilters, type ListKind, specs } from "./query";
import type { Key } from "./rows";

export type Option = [value: string, label: string];

export function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: Option[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const sortKey = (sort: string): Key => `sort${sort.startsWith("-") ? sort : `+${sort}`}` as Key;

export function Filters({
  kind,
  filters,
  set,
  typedQ,
  onType,
  users,
  pipelines,
  customFields,
}: {
  kind: ListKind;
  filters: ListFilters;
  set: (change: Partial<ListFilters>) => void;
  typedQ: string;
  onType: (q: string) => void;
  users: Schemas["User"][];
  pipelines: Schemas["Pipeline"][];
  customFields: Schemas["CustomField"][];
}) {
  const t = useMessages(messages);
  const spec = specs[kind];
  const has = (filter: (typeof spec.filters)[number]) => spec.filters.includes(filter);
  const customField = customFields.find((f) => f.name === filters.customName);
  // Stages of the chosen pipeline, or of the only one.
  const stageChoices =
    (filters.pipeline
      ? pipelines.find((p) => String(p.id) === filters.pipeline)
      : pipelines.length === 1
        ? pipelines[0]
        : undefined
    )?.stages ?? [];
  return (
    <form class="filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
      {has("q") && (
        <label class="grow">
          {t("search")}
          <input type="search" value={typedQ} onInput={(e) => onType(e.currentTarget.value)} />
        </label>
      )}
      {has("owner") && users.length > 1 && (
        <Choice
          label={t(kind === "tasks" ? "assignee" : "owner")}
          value={filters.owner}
          options={[["", t("anyOwner")], ...users.map((u): Option => [String(u.id), u.name])]}
          onChange={(owner) => set({ owner })}
        />
      )}
      {has("pipeline") && pipelines.length > 1 && (
        <Choice
          label={t("pipeline")}
          value={filters.pipeline}
          options={[["", t("anyPipeline")], ...pipelines.map((p): Option => [String(p.id), p.name])]}
          onChange={(pipeline) => set({ pipeline, stage: "" })}
        />
      )}
      {has("stage") && stageChoices.length > 0 && (
        <Choice
          label={t("stage")}
          value={filters.stage}
          options={[["", t("anyStage")], ...stageChoices.map((s): Option => [String(s.id), s.name])]}
          onChange={(stage) => set({ stage })}
        />
      )}
      {has("status") && (
        <Choice
          label={t("status")}
          value={filters.status}
          options={[
            ["open", t("statusOpen")],
            ["done", t("statusDone")],
            ["", t("statusAll")],
          ]}
          onChange={(status) => set({ status: status as ListFilters["status"] })}
        />
      )}
      {has("custom") && customFields.length > 0 && (
        <Choice
          label={t("customField")}
          value={filters.customName}
          options={[["", "—"], ...customFields.map((f): Option => [f.name, f.name])]}
          onChange={(customName) => set({ customName, customValue: "" })}
        />
      )}
      {customField &&
        (customField.type === "enum" || customField.type === "bool" ? (
          <Choice
            label={t("customValue", { field: customField.name })}
            value={filters.customValue}
            options={[
              ["", "—"],
              ...(customField.type === "bool"
                ? ([
                    ["true", t("yes")],
                    ["false", t("no")],
                  ] as Option[])
                : customField.options.map((o): Option => [o, o])),
            ]}
            onChange={(customValue) => set({ customValue })}
          />
        ) : (
          <label>
            {t("customValue", { field: customField.name })}
            <input
              value={filters.customValue}
              onChange={(e) => set({ customValue: e.currentTarget.value })}
            />
          </label>
        ))}
      {has("sort") && (
        <Choice
          label={t("sort")}
          value={filters.sort}
          options={spec.sorts.map((sort): Option => [sort, t(sortKey(sort))])}
          onChange={(sort) => set({ sort })}
        />
      )}
      {has("overdue") && (
        <label class="check">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(e) => set({ overdue: e.currentTarget.checked })}
          />
          {t(kind === "tasks" ? "overdueTasks" : "overdueStage")}
        </label>
      )}
      {has("noNextStep") && (
        <label class="check">
          <input
            type="checkbox"
            checked={filters.noNextStep}
            onChange={(e) => set({ noNextStep: e.currentTarget.checked })}
          />
          {t("noNextStep")}
        </label>
      )}
    </form>
  );
}
