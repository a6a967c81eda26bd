import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/errors";
import { completeTask, defaultDue } from "./nextStep";

function answer(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("completeTask", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for the next step on 409 next_step_required instead of failing", async () => {
    const fetch = vi.fn(async () =>
      answer(409, {
        error: { code: "next_step_required", message: "plan the next step", field: "next_task" },
      }),
    );
    vi.stubGlobal("fetch", fetch);
    expect(await completeTask(7)).toEqual({ kind: "next_step_required", message: "plan the next step" });
  });

  it("sends the next task with the completion", async () => {
    const fetch = vi.fn(async (_request: Request) => answer(200, { task: {}, next_task: {}, warnings: [] }));
    vi.stubGlobal("fetch", fetch);
    const next = { kind: "call" as const, subject: "Call back", due_at: "2026-11-28T12:00:00.000Z" };
    expect(await completeTask(7, next)).toEqual({ kind: "done", warnings: [] });
    const request = fetch.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/v1/tasks/7/complete");
    expect(await request.json()).toEqual({ next_task: next });
  });

  it("throws other errors with their field", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        answer(422, { error: { code: "validation_failed", message: "bad", field: "next_task.due_at" } }),
      ),
    );
    await expect(completeTask(7)).rejects.toMatchObject({
      code: "validation_failed",
      field: "next_task.due_at",
    });
    await expect(completeTask(7)).rejects.toBeInstanceOf(ApiError);
  });
});

describe("defaultDue", () => {
  it("is tomorrow at 10:00", () => {
    expect(defaultDue(new Date("2026-11-28T20:00:00Z"), (d) => d.toISOString().slice(0, 16))).toBe(
      "2026-11-29T10:00",
    );
  });
});
