import { useEffect, useState } from "preact/hooks";
import { type RecordType, recordHref, recordTitle } from "./records";

// A link to a record, named by its title once fetched ("#id" until then or when out of sight).
export function RecordLink({ type, id }: { type: RecordType; id: number }) {
  const [title, setTitle] = useState(`#${id}`);
  useEffect(() => {
    recordTitle(type, id).then(setTitle);
  }, [type, id]);
  return <a href={recordHref(type, id)}>{title}</a>;
}
