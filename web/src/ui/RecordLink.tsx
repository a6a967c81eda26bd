import { useEffect, useState } from "preact/hooks";
import { isRecordType, recordHref, recordTitle } from "./records";

// A link to a record's card, named by its title once fetched ("#id" until then or when out of
// sight). Takes the type and id as the API gives them: nothing when there is no record, and a
// type the UI does not know yet as plain text, as the server wrote it.
export function RecordLink({ type, id }: { type: string | null | undefined; id: number | null | undefined }) {
  const [title, setTitle] = useState(`#${id}`);
  useEffect(() => {
    if (type && id != null && isRecordType(type)) recordTitle(type, id).then(setTitle);
  }, [type, id]);
  if (!type || id == null) return null;
  if (!isRecordType(type)) return <span>{`${type} #${id}`}</span>;
  return <a href={recordHref(type, id)}>{title}</a>;
}
