// Record titles and links for what a task or notification points at.
import { call, client } from "../api/client";

export type RecordType = "lead" | "deal" | "contact" | "company";

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
