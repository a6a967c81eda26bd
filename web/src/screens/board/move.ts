// Moving a card between the board's columns, as the UI shows it before the server answers:
// counts and single-currency totals follow the card. The caller keeps the old columns to snap
// back to when the server refuses the move.
export interface Card {
  id: number;
  amount: number;
  currency: string;
  stage_id: number;
}
export interface Column<C extends Card> {
  stage: { id: number };
  count: number;
  amount_total: number | Record<string, number>;
  currency: string | null;
  items: C[];
}

function adjustTotal<C extends Card>(column: Column<C>, card: C, sign: 1 | -1): Column<C>["amount_total"] {
  const total = column.amount_total;
  if (typeof total === "number" && (column.currency === card.currency || column.count === 0)) {
    return total + sign * card.amount;
  }
  const byCurrency: Record<string, number> =
    typeof total === "number" ? (column.currency ? { [column.currency]: total } : {}) : { ...total };
  byCurrency[card.currency] = (byCurrency[card.currency] ?? 0) + sign * card.amount;
  return byCurrency;
}

export function moveCard<C extends Card, K extends Column<C>>(
  columns: K[],
  cardId: number,
  toStageId: number,
): K[] {
  const from = columns.find((c) => c.items.some((i) => i.id === cardId));
  const card = from?.items.find((i) => i.id === cardId);
  if (!from || !card || from.stage.id === toStageId) return columns;
  const moved = { ...card, stage_id: toStageId };
  return columns.map((column) => {
    if (column === from) {
      return {
        ...column,
        count: column.count - 1,
        amount_total: adjustTotal(column, card, -1),
        items: column.items.filter((i) => i.id !== cardId),
      };
    }
    if (column.stage.id === toStageId) {
      return {
        ...column,
        count: column.count + 1,
        amount_total: adjustTotal(column, card, 1),
        currency: column.count === 0 ? card.currency : column.currency,
        items: [moved, ...column.items],
      };
    }
    return column;
  });
}

// The stage left or right of a card's, or null at either end.
export function neighbourStage<C extends Card>(
  columns: Column<C>[],
  stageId: number,
  step: -1 | 1,
): number | null {
  const index = columns.findIndex((c) => c.stage.id === stageId);
  return columns[index + step]?.stage.id ?? null;
}
