// Record titles and links for what a task or notification points at, and the one way to
// change a record of any type.
import { call, client, type Schemas } from "../api/client";

export type RecordType = "lead" | "deal" | "contact" | "company";

export function isRecordType(type: string): type is RecordType {
  return type === "lead" || type === "deal" || type === "contact" || type === "company";
}

export function recordHref(type: RecordType, id: number): string {
  return `/${type === "company" ? "companies" : `${type}s`}/${id}`;
}

const titles = new Map<string, Promise<string>>();

// The record's title (a deal's or lead's title, a contact's or company's name), fetched once.
export function recordTitle(type: RecordType, id: number): Promise<string> {
  const key = `${type}:${id}`;
  let title = titles.get(key);
  if (!title) {
    const path = { params: { path: { id } } };
    const fetchOne = async (): Promise<string> => {
      switch (type) {
        case "deal":
          return (await call(client.GET("/api/v1/deals/{id}", path))).title;
        case "lead":
          return (await call(client.GET("/api/v1/leads/{id}", path))).title;
        case "contact":
          return (await call(client.GET("/api/v1/contacts/{id}", path))).name;
        case "company":
          return (await call(client.GET("/api/v1/companies/{id}", path))).name;
      }
    };
    title = fetchOne().catch(() => `#${id}`);
    titles.set(key, title);
  }
  return title;
}

// PATCH a record with a body built for its type; the server checks it (422 naming the field).
export async function patchRecord(
  kind: RecordType,
  id: number,
  body: Record<string, unknown>,
): Promise<void> {
  const path = { path: { id } };
  switch (kind) {
    case "deal":
      await call(client.PATCH("/api/v1/deals/{id}", { params: path, body: body as Schemas["DealPatch"] }));
      return;
    case "lead":
      await call(client.PATCH("/api/v1/leads/{id}", { params: path, body: body as Schemas["LeadPatch"] }));
      return;
    case "contact":
      await call(
        client.PATCH("/api/v1/contacts/{id}", { params: path, body: body as Schemas["ContactPatch"] }),
      );
      return;
    case "company":
      await call(
        client.PATCH("/api/v1/companies/{id}", { params: path, body: body as Schemas["CompanyPatch"] }),
      );
      return;
  }
}
