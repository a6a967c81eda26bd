import { useMessages } from "../i18n/i18n";
import { Dialog } from "./Dialog";
import { messages } from "./messages";
import { completeTask, type NextTask } from "./nextStep";
import { TaskForm } from "./TaskForm";

// Asks for the next step when completing the last task of a record, then completes the task
// with it in one call.
export function NextStepDialog({
  taskId,
  recordTitle,
  onDone,
  onCancel,
}: {
  taskId: number;
  recordTitle: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useMessages(messages);
  const submit = async (task: NextTask) => {
    const result = await completeTask(taskId, task);
    if (result.kind === "done") onDone();
  };
  return (
    <Dialog title={t("nextStepTitle")} onClose={onCancel}>
      <p>{t("nextStepExplain", { record: recordTitle })}</p>
      <TaskForm onSubmit={submit} onCancel={onCancel} />
    </Dialog>
  );
}
