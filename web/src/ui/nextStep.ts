// Completing a task, with the next step the server may ask for: the 409 next_step_required of
// POST /tasks/{id}/complete becomes an answer that opens the next-step dialog, never an error.
import { ApiError, call, client, type Schemas } from "../api/client";

export type NextTask = Schemas["NextTask"];

export type Completion =
  | { kind: "done"; warnings: string[] }
  | { kind: "next_step_required"; message: string };

export async function completeTask(taskId: number, nextTask?: NextTask): Promise<Completion> {
  try {
    const answer = await call(
      client.POST("/api/v1/tasks/{id}/complete", {
        params: { path: { id: taskId } },
        body: nextTask ? { next_task: nextTask } : {},
      }),
    );
    const warnings = (answer as { warnings?: string[] }).warnings ?? [];
    return { kind: "done", warnings };
  } catch (error) {
    if (error instanceof ApiError && error.code === "next_step_required") {
      return { kind: "next_step_required", message: error.message };
    }
    throw error;
  }
}

// A sensible default for the next step: tomorrow at 10:00 (wall clock, as the input shows it).
export function defaultDue(now: Date, toLocal: (d: Date) => string): string {
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  return `${toLocal(tomorrow).slice(0, 10)}T10:00`;
}
