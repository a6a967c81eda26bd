import { useEffect, useState } from "preact/hooks";
import { isRecordType, recordHref, recordTitle } from "./records";

// A link to a record's card, named by its title. Takes the type and id as the API gives them:
// nothing when there is no record, and a type the UI does not know yet as plain text, as the
// server wrote it. `title` is the title when the caller already has it (a task's record_title);
// null says the server withheld it (the record is out of the reader's sight): then "#id" as
// plain text, since its card would answer "not found". Left out, the title is fetched ("#id"
// until then or when out of sight).
export function RecordLink({
  type,
  id,
  title,
}: {
  type: string | null | undefined;
  id: number | null | undefined;
  title?: string | null;
}) {
  const [fetched, setFetched] = useState(`#${id}`);
  useEffect(() => {
    if (title === undefined && type && id != null && isRecordType(type))
      recordTitle(type, id).then(setFetched);
  }, [type, id, title]);
  if (!type || id == null) return null;
  if (!isRecordType(type)) return <span>{`${type} #${id}`}</span>;
  if (title === null) return <span>{`#${id}`}</span>;
  return <a href={recordHref(type, id)}>{title ?? fetched}</a>;
}
