// The users and pipelines the signed-in user may see, fetched once per page load and shared by
// the lists, the control report and the record cards (for owner names and filter choices).
import { call, client, type Schemas } from "../api/client";

let users: Promise<Schemas["User"][]> | null = null;
const pipelines = new Map<string, Promise<Schemas["Pipeline"][]>>();

// Every user in sight (a manager sees only themselves), all pages.
export function visibleUsers(): Promise<Schemas["User"][]> {
  if (!users) {
    users = (async () => {
      const all: Schemas["User"][] = [];
      let cursor: string | undefined;
      do {
        const page = await call(client.GET("/api/v1/users", { params: { query: { limit: 200, cursor } } }));
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    })();
    users.catch(() => {
      users = null;
    });
  }
  return users;
}

export function pipelinesOf(recordType: "lead" | "deal"): Promise<Schemas["Pipeline"][]> {
  let list = pipelines.get(recordType);
  if (!list) {
    list = call(client.GET("/api/v1/pipelines", { params: { query: { record_type: recordType } } })).then(
      (answer) => answer.items,
    );
    list.catch(() => pipelines.delete(recordType));
    pipelines.set(recordType, list);
  }
  return list;
}

// The pipelines a record whose owner is of `department` may enter, as the server decides
// (crm::MayEnterPipeline): the organisation-wide ones and that department's.
export function enterable(list: Schemas["Pipeline"][], department: number | null): Schemas["Pipeline"][] {
  return list.filter((p) => p.department_id == null || p.department_id === department);
}

// A user's name by id, "#id" for one out of sight.
export function nameOf(people: Schemas["User"][], id: number): string {
  return people.find((user) => user.id === id)?.name ?? `#${id}`;
}
