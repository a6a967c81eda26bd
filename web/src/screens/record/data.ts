// What the record card loads and how it changes a record, for the four record types.
import { call, client, type Schemas } from "../../api/client";
import type { RecordType } from "../../ui/records";

export type AnyRecord = Schemas["Deal"] | Schemas["Lead"] | Schemas["Contact"] | Schemas["Company"];

export interface CardData {
  record: AnyRecord;
  pipeline: Schemas["Pipeline"] | null;
  tasks: Schemas["Task"][];
  timeline: Schemas["TimelineItem"][];
  customFields: Schemas["CustomField"][];
}

// The record's heading: a deal's or lead's title, a contact's or company's name.
export function headingOf(record: AnyRecord): string {
  return "title" in record ? record.title : record.name;
}

async function getRecord(kind: RecordType, id: number): Promise<AnyRecord> {
  const path = { params: { path: { id } } };
  switch (kind) {
    case "deal":
      return call(client.GET("/api/v1/deals/{id}", path));
    case "lead":
      return call(client.GET("/api/v1/leads/{id}", path));
    case "contact":
      return call(client.GET("/api/v1/contacts/{id}", path));
    case "company":
      return call(client.GET("/api/v1/companies/{id}", path));
  }
}

async function getTimeline(kind: RecordType, id: number): Promise<Schemas["TimelineItem"][]> {
  const path = { params: { path: { id } } };
  switch (kind) {
    case "deal":
      return (await call(client.GET("/api/v1/deals/{id}/timeline", path))).items;
    case "lead":
      return (await call(client.GET("/api/v1/leads/{id}/timeline", path))).items;
    case "contact":
      return (await call(client.GET("/api/v1/contacts/{id}/timeline", path))).items;
    case "company":
      return (await call(client.GET("/api/v1/companies/{id}/timeline", path))).items;
  }
}

export async function loadCard(kind: RecordType, id: number): Promise<CardData> {
  const record = await getRecord(kind, id);
  const pipelineId = "pipeline_id" in record ? record.pipeline_id : null;
  const [pipeline, tasks, timeline, customFields] = await Promise.all([
    pipelineId === null
      ? Promise.resolve(null)
      : call(client.GET("/api/v1/pipelines/{id}", { params: { path: { id: pipelineId } } })),
    call(
      client.GET("/api/v1/tasks", {
        params: { query: { record_type: kind, record_id: id, status: "open", limit: 200 } },
      }),
    ),
    getTimeline(kind, id),
    call(client.GET("/api/v1/custom-fields", { params: { query: { record_type: kind } } })),
  ]);
  return { record, pipeline, tasks: tasks.items, timeline, customFields: customFields.items };
}

export async function addNote(kind: RecordType, id: number, text: string): Promise<void> {
  const request = { params: { path: { id } }, body: { text } };
  switch (kind) {
    case "deal":
      await call(client.POST("/api/v1/deals/{id}/notes", request));
      return;
    case "lead":
      await call(client.POST("/api/v1/leads/{id}/notes", request));
      return;
    case "contact":
      await call(client.POST("/api/v1/contacts/{id}/notes", request));
      return;
    case "company":
      await call(client.POST("/api/v1/companies/{id}/notes", request));
      return;
  }
}
