import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { Schemas } from "../api/client";
import { formatDateTime, useMessages } from "../i18n/i18n";
import { describeError } from "./errors";
import { messages } from "./messages";
import { NextStepDialog } from "./NextStepDialog";
import { completeTask } from "./nextStep";

type Task = Schemas["Task"];

// One open task with its one-click complete button.
export function TaskRow({
  task,
  overdue = false,
  onComplete,
  children,
}: {
  task: Task;
  overdue?: boolean;
  onComplete: (task: Task) => void;
  children?: ComponentChildren;
}) {
  const t = useMessages(messages);
  return (
    <li class={overdue ? "task overdue" : "task"}>
      <button
        type="button"
        class="complete"
        aria-label={t("completeTask", { subject: task.subject })}
        onClick={() => onComplete(task)}
      >
        ✓
      </button>
      <div class="task-body">
        <span class="subject">{task.subject}</span>
        {children}
      </div>
      <time dateTime={task.due_at}>{formatDateTime(task.due_at)}</time>
    </li>
  );
}

// Completing tasks from a screen: `complete(task)` completes it, or opens the next-step dialog
// (returned as `dialog`, to be rendered by the screen) when it was the record's last task;
// `onChanged` gets the sentence to announce.
export function useTaskCompletion(titleOf: (task: Task) => string, onChanged: (status: string) => void) {
  const t = useMessages(messages);
  const [asking, setAsking] = useState<Task | null>(null);
  const complete = async (task: Task) => {
    try {
      const result = await completeTask(task.id);
      if (result.kind === "next_step_required") return setAsking(task);
      onChanged(t("completed", { subject: task.subject }));
    } catch (e) {
      onChanged(describeError(e));
    }
  };
  const dialog = asking && (
    <NextStepDialog
      taskId={asking.id}
      recordTitle={titleOf(asking)}
      onCancel={() => setAsking(null)}
      onDone={() => {
        setAsking(null);
        onChanged(t("completed", { subject: asking.subject }));
      }}
    />
  );
  return { complete, dialog };
}
