// Which of my open tasks My day shows: overdue ones (due before now) and the rest of today's
// (same calendar day in the organisation's time zone), each earliest first.
export interface DueTask {
  id: number;
  due_at: string;
}

export function planDay<T extends DueTask>(tasks: T[], now: Date, dayOf: (d: Date) => string) {
  const today = dayOf(now);
  const sorted = [...tasks].sort((a, b) => a.due_at.localeCompare(b.due_at));
  const overdue = sorted.filter((task) => new Date(task.due_at) < now);
  const later = sorted.filter(
    (task) => new Date(task.due_at) >= now && dayOf(new Date(task.due_at)) === today,
  );
  return { overdue, today: later };
}
