import { useEffect, useRef, useState } from "preact/hooks";
import { call, client, type Schemas } from "../../api/client";
import { useHints } from "../../api/stream";
import { navigate } from "../../app/router";
import type { ScreenProps } from "../../app/routes";
import { formatMoney, useMessages } from "../../i18n/i18n";
import { Dialog } from "../../ui/Dialog";
import { describeError } from "../../ui/errors";
import { NotFound } from "../not-found/NotFound";
import { deferWhileBusy } from "./defer";
import { messages } from "./messages";
import { moveCard, neighbourStage } from "./move";

type BoardData = Schemas["Board"];
type Column = Schemas["BoardColumn"];
type Card = Column["items"][number];

function total(column: Column): string {
  const amounts = column.amount_total;
  if (typeof amounts === "number") return column.currency ? formatMoney(amounts, column.currency) : "—";
  return Object.entries(amounts)
    .map(([currency, minor]) => formatMoney(minor, currency))
    .join(" + ");
}

// Cards asked for a column: the first load's 100, or on a refetch as many as a column shows
// after "More" (the API's most is 200).
const firstLimit = 100;
const mostLimit = 200;

export function Board({ params }: ScreenProps) {
  const t = useMessages(messages);
  const [pipelines, setPipelines] = useState<Schemas["Pipeline"][]>([]);
  const [board, setBoard] = useState<BoardData | null>(null);
  const [missing, setMissing] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ card: Card; stageId: number } | null>(null);
  const dragged = useRef<number | null>(null);
  const pipelineId = params.pipelineId ? Number(params.pipelineId) : null;
  // The board shown, for the refetch (which runs outside a render), and the latest load's number:
  // an older answer is dropped.
  const shown = useRef<BoardData | null>(null);
  shown.current = board;
  const generation = useRef(0);
  const endDrag = useRef<(() => void) | null>(null);

  useEffect(() => {
    call(client.GET("/api/v1/pipelines"))
      .then((list) => {
        setPipelines(list.items);
        if (pipelineId === null) {
          const first = list.items.find((p) => p.record_type === "deal" && p.is_default) ?? list.items[0];
          if (first) navigate(`/board/${first.id}`, true);
        }
      })
      .catch((e) => setError(describeError(e)));
  }, [pipelineId]);

  const loadBoard = (id: number, limit: number) => {
    const mine = ++generation.current;
    return call(
      client.GET("/api/v1/pipelines/{id}/board", { params: { path: { id }, query: { limit } } }),
    ).then((answer) => {
      if (mine === generation.current) setBoard(answer);
    });
  };

  useEffect(() => {
    if (pipelineId === null) return;
    setBoard(null);
    loadBoard(pipelineId, firstLimit).catch((e) => {
      if (e.code === "not_found") setMissing(true);
      else setError(describeError(e));
    });
  }, [pipelineId]);

  // Live: the columns are loaded again when a record of the board's type changes (api/stream.ts),
  // but not while a card is dragged or a move is on its way (defer.ts).
  const refetch = () => {
    const current = shown.current;
    if (pipelineId === null || !current) return;
    const most = Math.max(0, ...current.stages.map((c) => c.items.length));
    loadBoard(pipelineId, Math.min(mostLimit, Math.max(firstLimit, most))).catch((e) =>
      setStatus(describeError(e)),
    );
  };
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;
  const [deferral] = useState(() => deferWhileBusy(() => latestRefetch.current()));
  useHints(
    (hint) => hint.kind === "record" && hint.type === shown.current?.pipeline.record_type,
    deferral.request,
  );
  const dragEnded = () => {
    endDrag.current?.();
    endDrag.current = null;
  };

  if (missing) return <NotFound />;
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!board) return <p class="loading">…</p>;
  const kind = board.pipeline.record_type;

  const move = async (card: Card, toStageId: number, lostReason?: string) => {
    const target = board.stages.find((c) => c.stage.id === toStageId);
    if (!target || card.stage_id === toStageId) return;
    if (target.stage.kind === "lost" && lostReason === undefined) {
      setLosing({ card, stageId: toStageId });
      return;
    }
    const before = board;
    setBoard({ ...board, stages: moveCard(board.stages, card.id, toStageId) });
    const moved = deferral.hold();
    try {
      const body = { stage_id: toStageId, ...(lostReason ? { lost_reason: lostReason } : {}) };
      const path = { params: { path: { id: card.id } }, body };
      if (kind === "deal") await call(client.PATCH("/api/v1/deals/{id}", path));
      else await call(client.PATCH("/api/v1/leads/{id}", path));
      setStatus(t("moved", { card: card.title, stage: target.stage.name }));
    } catch (e) {
      setBoard(before);
      setStatus(t("moveFailed", { card: card.title, reason: describeError(e) }));
    } finally {
      moved();
    }
    requestAnimationFrame(() => document.getElementById(`card-link-${card.id}`)?.focus());
  };

  const loadMore = async (column: Column) => {
    if (!column.next_cursor || pipelineId === null) return;
    try {
      const page = await call(
        client.GET("/api/v1/pipelines/{id}/board/stages/{stage_id}", {
          params: {
            path: { id: pipelineId, stage_id: column.stage.id },
            query: { cursor: column.next_cursor, limit: 100 },
          },
        }),
      );
      setBoard((current) =>
        current
          ? {
              ...current,
              stages: current.stages.map((c) =>
                c.stage.id === column.stage.id
                  ? { ...c, items: [...c.items, ...page.items], next_cursor: page.next_cursor }
                  : c,
              ),
            }
          : current,
      );
    } catch (e) {
      setStatus(describeError(e));
    }
  };

  return (
    <div class="board">
      <div class="board-head">
        <h1>{t("title", { pipeline: board.pipeline.name })}</h1>
        <nav aria-label={t("pipelines")}>
          {pipelines.map((p) => (
            <a key={p.id} href={`/board/${p.id}`} aria-current={p.id === pipelineId ? "page" : undefined}>
              {p.name}
            </a>
          ))}
        </nav>
      </div>
      <p class="status" role="status" aria-live="assertive">
        {status}
      </p>
      <p id="move-help" class="visually-hidden">
        {t("moveHelp")}
      </p>
      <div class="columns-scroll">
        {board.stages.map((column) => (
          <section
            key={column.stage.id}
            class={`column ${column.stage.kind}`}
            aria-labelledby={`stage-${column.stage.id}`}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              const card = board.stages.flatMap((c) => c.items).find((c) => c.id === dragged.current);
              if (card) move(card, column.stage.id);
              dragEnded();
            }}
          >
            <header>
              <h2 id={`stage-${column.stage.id}`}>{column.stage.name}</h2>
              <p class="count">{t("cardCount", { n: column.count })}</p>
              <p class="total">{t("total", { amount: total(column) })}</p>
            </header>
            <ul>
              {column.items.map((card) => (
                <li
                  key={card.id}
                  id={`card-${card.id}`}
                  class={card.stage_overdue ? "card overdue" : "card"}
                  draggable
                  onDragStart={() => {
                    dragged.current = card.id;
                    dragEnded();
                    endDrag.current = deferral.hold();
                  }}
                  onDragEnd={dragEnded}
                >
                  <a
                    id={`card-link-${card.id}`}
                    href={`/${kind}s/${card.id}`}
                    aria-describedby="move-help"
                    onKeyDown={(e) => {
                      if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
                      e.preventDefault();
                      const to = neighbourStage(board.stages, card.stage_id, e.key === "ArrowRight" ? 1 : -1);
                      if (to !== null) move(card, to);
                    }}
                  >
                    {card.title}
                  </a>
                  <span class="amount">{formatMoney(card.amount, card.currency)}</span>
                  {card.stage_overdue && <span class="badge">{t("stageOverdue")}</span>}
                </li>
              ))}
            </ul>
            {column.next_cursor && (
              <button type="button" class="secondary more" onClick={() => loadMore(column)}>
                {t("more")}
              </button>
            )}
          </section>
        ))}
      </div>
      {losing && (
        <LostReasonDialog
          onCancel={() => setLosing(null)}
          onConfirm={(reason) => {
            const { card, stageId } = losing;
            setLosing(null);
            move(card, stageId, reason);
          }}
        />
      )}
    </div>
  );
}

function LostReasonDialog({
  onConfirm,
  onCancel,
}: {
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useMessages(messages);
  const [reason, setReason] = useState("");
  return (
    <Dialog title={t("lostTitle")} onClose={onCancel}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason);
        }}
      >
        <label>
          {t("lostReason")}
          <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <div class="actions">
          <button type="button" class="secondary" onClick={onCancel}>
            {t("cancel")}
          </button>
          <button type="submit">{t("confirmMove")}</button>
        </div>
      </form>
    </Dialog>
  );
}
