// Browser tests of live updates (GET /api/v1/stream): while Ivanov has a deal's card open, a note
// added elsewhere and the SMS that automation sends when the deal moves to «Встреча назначена»
// appear in its timeline without a reload, and the SMS again as sent once the slow provider has
// taken it (a state change the stream reports); on My day, a task the head assigns to him and a
// notification of a rule appear without a reload. Needs VORONKA_BINARY and a built web/dist (as browser.test.mjs).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newContext, screenshot, serverAndBrowser, signIn } from "./helpers.mjs";
import { apiAs, startSmsPeer } from "./server.mjs";

const started = serverAndBrowser();

// Marks the page so that a reload (which would lose the mark) fails the test.
async function markPage(page) {
  await page.evaluate(() => {
    window.notReloaded = true;
  });
}

async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.notReloaded === true), true, "the page was reloaded");
}

describe("live updates", () => {
  let ivanov;
  let head;
  let page;

  before(async () => {
    ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
    head = await apiAs(started.server.url, "head@voronka.example");
    const context = await newContext(started.browser);
    page = await context.newPage();
    await signIn(page, started.server.url, "ivanov@voronka.example");
  });
  after(() => page?.context().close());

  test("a note and an SMS sent by automation appear in the open card's timeline", async (t) => {
    // The SMS provider (the SMS.ru stand-in) takes 3 s to accept a number ending in 408, so the
    // message is first shown on its way, and as sent only when the stream says it changed.
    const peer = await startSmsPeer(["--slow-seconds", "3"]);
    t.after(() => peer.stop());
    const admin = await apiAs(started.server.url, "admin@voronka.example");
    await admin.put("/api/v1/settings/outbound", { allowed: ["127.0.0.1"] });
    await admin.put("/api/v1/settings/sms", { preset: "smsru", api_key: "test-key", base_url: peer.url });
    // The head's rule: entering «Встреча назначена» sends the client an SMS at once.
    const pipelines = await head.get("/api/v1/pipelines");
    const pipeline = pipelines.items.find((p) => p.record_type === "deal");
    const meeting = pipeline.stages.find((s) => s.name === "Встреча назначена");
    const template = await head.post("/api/v1/templates", {
      kind: "sms",
      name: "Живое обновление",
      body: "{{contact.name}}, встреча назначена",
    });
    await head.post("/api/v1/automation/rules", {
      name: "Встреча назначена → SMS сразу",
      record_type: "deal",
      trigger: { type: "stage_entered", pipeline_id: pipeline.id, stage_id: meeting.id },
      actions: [{ type: "send_sms", template_id: template.id }],
    });
    const contact = await ivanov.post("/api/v1/contacts", {
      name: "Пётр Сидоров",
      phones: ["8 (916) 555-04-08"],
      allow_duplicate: true,
    });
    const deal = await ivanov.post("/api/v1/deals", { title: "Живая сделка", contact_id: contact.id });

    await page.goto(`${started.server.url}/deals/${deal.id}`);
    await page.getByRole("heading", { name: "Живая сделка", level: 1 }).waitFor();
    await markPage(page);
    const timeline = page.getByRole("region", { name: "История" });

    await ivanov.post(`/api/v1/deals/${deal.id}/notes`, { text: "Заметка из другого окна" });
    await timeline.getByText("Заметка из другого окна").waitFor({ timeout: 10_000 });

    await ivanov.patch(`/api/v1/deals/${deal.id}`, { stage_id: meeting.id });
    const sms = timeline.getByRole("listitem").filter({ hasText: "Пётр Сидоров, встреча назначена" });
    await sms.getByText(/Статус: (queued|sending)/).waitFor({ timeout: 20_000 });
    await sms.getByText("Статус: sent").waitFor({ timeout: 20_000 });
    await assertNotReloaded(page);
    await screenshot(page, "live-card");
  });

  test("a task the head assigns and a new notification appear on My day", async () => {
    const deal = await ivanov.post("/api/v1/deals", { title: "Сделка для поручения" });
    await head.post("/api/v1/automation/rules", {
      name: "Новая сделка → уведомить ответственного",
      record_type: "deal",
      trigger: { type: "record_created" },
      actions: [{ type: "notify", text: "Новая сделка: {{record.title}}", owner: true }],
    });
    await page.getByRole("link", { name: "Мой день" }).click();
    await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    await markPage(page);
    await head.post("/api/v1/tasks", {
      record_type: "deal",
      record_id: deal.id,
      kind: "call",
      subject: "Поручение руководителя",
      due_at: new Date(Date.now() - 60_000).toISOString(),
      assignee_id: ivanov.user.id,
    });
    await page.getByText("Поручение руководителя").waitFor({ timeout: 10_000 });
    await ivanov.post("/api/v1/deals", { title: "Сделка из другого окна" });
    await page
      .getByRole("region", { name: "Уведомления" })
      .getByText("Новая сделка: Сделка из другого окна")
      .waitFor({ timeout: 10_000 });
    await assertNotReloaded(page);
    await screenshot(page, "live-my-day");
  });
});
