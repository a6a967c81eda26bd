// Pipelines and their stages: order, kind and the time allowed in each stage (its deadline).
import { useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { ConfirmDelete } from "../../ui/ConfirmDelete";
import { Field, FormFooter, SelectField, TextField, useForm } from "../../ui/form/form";
import { pending } from "../../ui/Loading";
import { useLoad } from "../../ui/useLoad";
import { messages } from "./messages";

type Pipeline = Schemas["Pipeline"];
type Stage = Schemas["Stage"];
type StageKind = Schemas["StageKind"];
const stageKinds: readonly StageKind[] = ["open", "won", "lost"];

export function Pipelines() {
  const t = useMessages(messages);
  const loaded = useLoad(() => call(client.GET("/api/v1/pipelines")), []);
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
        <summary>{t("newPipeline")}</summary>
        <NewPipeline onCreated={(p) => done(t("pipelineCreated", { name: p.name }))} />
      </details>
      {loaded.data.items.map((pipeline) => (
        <PipelineCard key={pipeline.id} pipeline={pipeline} onDone={done} />
      ))}
    </>
  );
}

function NewPipeline({ onCreated }: { onCreated: (pipeline: Pipeline) => void }) {
  const t = useMessages(messages);
  const form = useForm("new-pipeline");
  const [name, setName] = useState("");
  const [recordType, setRecordType] = useState<Pipeline["record_type"]>("deal");
  const [first, setFirst] = useState("");
  const submit = form.onSubmit(async () => {
    const pipeline = await call(
      client.POST("/api/v1/pipelines", {
        body: { name, record_type: recordType, stages: [{ name: first, kind: "open" }] },
      }),
    );
    setName("");
    setFirst("");
    onCreated(pipeline);
  });
  return (
    <form class="editor" onSubmit={submit} noValidate>
      <TextField form={form} name="name" label={t("title_")} value={name} onValue={(v) => setName(v)} />
      <Field form={form} name="record_type" label={t("recordType")}>
        {(p) => (
          <select
            {...p}
            value={recordType}
            onChange={(e) => setRecordType(e.currentTarget.value as "deal" | "lead")}
          >
            <option value="deal">{t("type_deal")}</option>
            <option value="lead">{t("type_lead")}</option>
          </select>
        )}
      </Field>
      <TextField
        form={form}
        name="stages"
        label={t("firstStage")}
        value={first}
        onValue={(v) => setFirst(v)}
      />
      <FormFooter form={form} submitLabel={t("create")} />
    </form>
  );
}

function PipelineCard({ pipeline, onDone }: { pipeline: Pipeline; onDone: (status: string) => void }) {
  const t = useMessages(messages);
  const form = useForm(`pipeline-${pipeline.id}`);
  const [name, setName] = useState(pipeline.name);
  const change = (body: Schemas["PipelinePatch"]) =>
    form.run(async () => {
      await call(client.PATCH("/api/v1/pipelines/{id}", { params: { path: { id: pipeline.id } }, body }));
      onDone(t("saved"));
    });
  const rename = form.onSubmit(() => change({ name }).then(() => {}));
  return (
    <section class="pipeline" aria-labelledby={`pipeline-${pipeline.id}-title`}>
      <h2 id={`pipeline-${pipeline.id}-title`}>
        {t("stages", { name: pipeline.name })} <span class="kind">{t(`type_${pipeline.record_type}`)}</span>{" "}
        {pipeline.is_default && <span class="badge neutral">{t("isDefault")}</span>}
      </h2>
      {!pipeline.is_default && (
        <button
          type="button"
          class="secondary"
          onClick={() => change({ is_default: true })}
          disabled={form.busy}
        >
          {t("makeDefault")}
        </button>
      )}
      <form class="editor inline-form" onSubmit={rename} noValidate>
        <TextField
          form={form}
          name="name"
          label={t("pipelineName", { name: pipeline.name })}
          value={name}
          onValue={setName}
        />
        <FormFooter form={form} submitName={t("savePipeline", { name: pipeline.name })} />
      </form>
      <ConfirmDelete
        label={t("deletePipeline", { name: pipeline.name })}
        question={t("deletePipelineQuestion")}
        conflict={t("pipelineInUse")}
        onConfirm={() =>
          call(client.DELETE("/api/v1/pipelines/{id}", { params: { path: { id: pipeline.id } } }))
        }
        onDeleted={() => onDone(t("pipelineDeleted", { name: pipeline.name }))}
      />
      <p class="hint">{t("maxDurationHint")}</p>
      <ol class="stages">
        {pipeline.stages.map((stage, i) => (
          <li key={`${stage.id}-${stage.position}-${stage.name}-${stage.kind}-${stage.max_duration}`}>
            <StageForm
              pipeline={pipeline}
              stage={stage}
              first={i === 0}
              last={i === pipeline.stages.length - 1}
              onDone={onDone}
            />
          </li>
        ))}
      </ol>
      <details class="create">
        <summary>{t("addStage")}</summary>
        <StageForm pipeline={pipeline} onDone={onDone} />
      </details>
    </section>
  );
}

// One stage's fields with save, move and delete; without `stage`, a new stage at the end.
function StageForm({
  pipeline,
  stage,
  first,
  last,
  onDone,
}: {
  pipeline: Pipeline;
  stage?: Stage;
  first?: boolean;
  last?: boolean;
  onDone: (status: string) => void;
}) {
  const t = useMessages(messages);
  const form = useForm(stage ? `stage-${stage.id}` : `new-stage-${pipeline.id}`);
  const [name, setName] = useState(stage?.name ?? "");
  const [kind, setKind] = useState<StageKind>(stage?.kind ?? "open");
  const [duration, setDuration] = useState(stage?.max_duration ?? "");
  const ids = { params: { path: { id: pipeline.id, stage_id: stage?.id ?? 0 } } };
  const save = form.onSubmit(async () => {
    const body = { name, kind, max_duration: duration.trim() === "" ? null : duration.trim() };
    if (stage) {
      await call(client.PATCH("/api/v1/pipelines/{id}/stages/{stage_id}", { ...ids, body }));
      onDone(t("stageSaved", { name }));
    } else {
      await call(
        client.POST("/api/v1/pipelines/{id}/stages", { params: { path: { id: pipeline.id } }, body }),
      );
      setName("");
      setDuration("");
      onDone(t("stageAdded", { name }));
    }
  });
  const move = (by: number) =>
    stage &&
    form.run(async () => {
      await call(
        client.PATCH("/api/v1/pipelines/{id}/stages/{stage_id}", {
          ...ids,
          body: { position: stage.position + by },
        }),
      );
      onDone(t("stageSaved", { name: stage.name }));
    });
  return (
    <form class="editor inline-form" onSubmit={save} noValidate>
      <TextField form={form} name="name" label={t("stageName")} value={name} onValue={(v) => setName(v)} />
      <SelectField
        form={form}
        name="kind"
        label={t("stageKind")}
        value={kind}
        onValue={(v) => setKind(v)}
        choices={stageKinds.map((k) => ({ value: k, label: t(`stage_${k}`) }))}
      />
      <TextField
        form={form}
        name="max_duration"
        label={t("maxDuration")}
        hint={stage ? undefined : t("maxDurationHint")}
        value={duration}
        onValue={(v) => setDuration(v)}
      />
      <FormFooter
        form={form}
        submitLabel={stage ? t("save") : t("create")}
        submitName={stage ? t("saveStage", { name: stage.name }) : undefined}
      >
        {stage && (
          <>
            <button type="button" class="secondary" disabled={first || form.busy} onClick={() => move(-1)}>
              <span aria-hidden="true">↑</span>
              <span class="visually-hidden">{t("moveUp", { name: stage.name })}</span>
            </button>
            <button type="button" class="secondary" disabled={last || form.busy} onClick={() => move(1)}>
              <span aria-hidden="true">↓</span>
              <span class="visually-hidden">{t("moveDown", { name: stage.name })}</span>
            </button>
            <ConfirmDelete
              label={t("deleteStage", { name: stage.name })}
              question={t("deleteStageQuestion")}
              conflict={t("stageInUse")}
              onConfirm={() => call(client.DELETE("/api/v1/pipelines/{id}/stages/{stage_id}", ids))}
              onDeleted={() => onDone(t("stageDeleted", { name: stage.name }))}
            />
          </>
        )}
      </FormFooter>
    </form>
  );
}
