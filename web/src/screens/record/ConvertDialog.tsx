// Converting a lead (POST /api/v1/leads/{id}/convert): the deal's title and pipeline (one its
// owner's department may use), then the card of the deal it became. The button is disabled while the request runs.
import { useEffect, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useMessages } from "../../i18n/i18n";
import { Dialog } from "../../ui/Dialog";
import { enterable, pipelinesOf, visibleUsers } from "../../ui/directory";
import { describeError } from "../../ui/errors";
import { FormButtons } from "../../ui/form/form";
import { messages } from "./messages";

export function ConvertDialog({
  lead,
  onConverted,
  onClose,
}: {
  lead: Schemas["Lead"];
  onConverted: (result: Schemas["LeadConversion"]) => void;
  onClose: () => void;
}) {
  const t = useMessages(messages);
  const [title, setTitle] = useState(lead.title);
  const [pipeline, setPipeline] = useState("");
  const [pipelines, setPipelines] = useState<Schemas["Pipeline"][]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The deal is the lead owner's, so only pipelines its owner's department may use are offered.
  useEffect(() => {
    Promise.all([pipelinesOf("deal"), visibleUsers()])
      .then(([all, users]) => {
        const owner = users.find((u) => u.id === lead.owner_id);
        setPipelines(enterable(all, owner?.department_id ?? null));
      })
      .catch(() => {});
  }, [lead.owner_id]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body: Schemas["ConvertLead"] = { deal_title: title.trim() || null };
      if (pipeline) body.deal_pipeline_id = Number(pipeline);
      const result = await call(
        client.POST("/api/v1/leads/{id}/convert", { params: { path: { id: lead.id } }, body }),
      );
      onConverted(result);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog title={t("convertTitle")} onClose={onClose}>
      <form class="create-form" onSubmit={submit}>
        <p>{t("convertExplain")}</p>
        <label>
          {t("dealTitle")}
          <input value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        {pipelines.length > 1 && (
          <label>
            {t("dealPipeline")}
            <select value={pipeline} onChange={(e) => setPipeline(e.currentTarget.value)}>
              <option value="">{t("defaultPipeline")}</option>
              {pipelines.map((p) => (
                <option key={p.id} value={String(p.id)}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <FormButtons busy={busy} submitLabel={t("convert")} busyLabel={t("converting")} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
