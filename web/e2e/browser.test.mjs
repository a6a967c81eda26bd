// End-to-end tests of the web UI in Debian's Chromium (playwright-core, no downloaded browser)
// against a real `voronka serve` with the demo organisation. Run by ctest (label `browser`) with
// VORONKA_BINARY, VORONKA_WEB_ROOT and VORONKA_ARTIFACTS (screenshots) set.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  accessibilityProblems,
  binary,
  launchChromium,
  newContext,
  screenshot,
  settled,
  submitSignIn,
  webRoot,
} from "./helpers.mjs";
import { apiAs, startServer } from "./server.mjs";

let server;
let browser;
let context;
const cspViolations = [];

before(async () => {
  server = await startServer({ binary, webRoot });
  browser = await launchChromium();
  context = await newContext(browser);
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe("the web UI", () => {
  let ivanov;
  let ownDeal;
  let lastTask;
  let othersDeal;
  let page;

  before(async () => {
    ivanov = await apiAs(server.url, "ivanov@voronka.example");
    // A deal of Ivanov's whose only open task (created with the deal) is overdue.
    ownDeal = await ivanov.post("/api/v1/deals", {
      title: "Поставка станков для ООО «Пример»",
      amount: 125_000_000,
    });
    const tasks = await ivanov.get(`/api/v1/tasks?record_type=deal&record_id=${ownDeal.id}&status=open`);
    assert.equal(tasks.items.length, 1);
    lastTask = await ivanov.patch(`/api/v1/tasks/${tasks.items[0].id}`, {
      subject: "Позвонить главному инженеру",
      due_at: new Date(Date.now() - 10 * 60_000).toISOString(),
    });
    const sokolova = await apiAs(server.url, "sokolova@voronka.example");
    othersDeal = await sokolova.post("/api/v1/deals", { title: "Сделка Соколовой", amount: 100_00 });
    page = await context.newPage();
  });

  test("serves the app at / with its security headers and a JSON 404 under /api/", async () => {
    const index = await fetch(`${server.url}/some/deep/link`, { headers: { "Accept-Encoding": "br" } });
    assert.equal(index.status, 200);
    assert.equal(index.headers.get("content-encoding"), "br");
    assert.equal(index.headers.get("cache-control"), "no-cache");
    assert.match(index.headers.get("content-security-policy") ?? "", /script-src 'self'/);
    const api = await fetch(`${server.url}/api/v1/no-such-route`);
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error.code, "not_found");
  });

  test("an unsigned visitor signs in and comes back to the page asked for", async () => {
    await page.goto(`${server.url}/deals/${ownDeal.id}`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByRole("heading", { name: "Вход в Воронку" }).waitFor();
    await screenshot(page, "sign-in");
    assert.deepEqual(await accessibilityProblems(page), []);
    await submitSignIn(page, "ivanov@voronka.example");
    await page.waitForURL(`${server.url}/deals/${ownDeal.id}`);
    await page.getByRole("heading", { name: ownDeal.title }).waitFor();
  });

  test("the record card shows the deal and takes a note", async () => {
    await page.getByText("1 250 000").first().waitFor();
    await page.getByLabel("Текст заметки").fill("Клиент просит КП до пятницы");
    await page.getByRole("button", { name: "Сохранить заметку" }).click();
    await page.getByRole("status").getByText("Заметка добавлена.").waitFor();
    await page.getByText("Клиент просит КП до пятницы").first().waitFor();
    await screenshot(page, "record-card");
    assert.deepEqual(await accessibilityProblems(page), []);
  });

  test("completing the last task of a deal asks for the next step", async () => {
    await page.getByRole("link", { name: "Мой день" }).click();
    await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    await screenshot(page, "my-day");
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByRole("button", { name: `Выполнить: ${lastTask.subject}` }).click();
    const dialog = page.getByRole("dialog", { name: "Следующий шаг" });
    await dialog.waitFor();
    await screenshot(page, "next-step-dialog");
    assert.deepEqual(await accessibilityProblems(page), []);
    await dialog.getByLabel("Что сделать").fill("Отправить коммерческое предложение");
    await dialog.getByRole("button", { name: "Сохранить" }).click();
    await page.getByRole("status").getByText(`Задача «${lastTask.subject}» выполнена.`).waitFor();
    const open = await ivanov.get(`/api/v1/tasks?record_type=deal&record_id=${ownDeal.id}&status=open`);
    assert.deepEqual(
      open.items.map((t) => t.subject),
      ["Отправить коммерческое предложение"],
    );
  });

  test("a manager opening another manager's deal by URL sees not found", async () => {
    await page.goto(`${server.url}/deals/${othersDeal.id}`);
    await page.getByRole("heading", { name: "Не найдено" }).waitFor();
  });

  test("the board shows columns with counts and moves a card by keyboard", async () => {
    await page.goto(`${server.url}/board`);
    await page.waitForURL(/\/board\/\d+$/);
    const card = page.getByRole("link", { name: ownDeal.title });
    await card.waitFor();
    await screenshot(page, "board");
    assert.deepEqual(await accessibilityProblems(page), []);
    await card.focus();
    await page.keyboard.press("ArrowRight");
    await page
      .getByRole("status")
      .getByText(/перенесена на этап/)
      .waitFor();
    const moved = await ivanov.get(`/api/v1/deals/${ownDeal.id}`);
    assert.notEqual(moved.stage_id, ownDeal.stage_id);
  });

  test("switching to English is remembered", async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { name: "My day", level: 1 }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "My day", level: 1 }).waitFor();
    await screenshot(page, "my-day-english");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
  });

  test("My day works at 390 px", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${server.url}/`);
    await phone.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    await screenshot(phone, "my-day-390px");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide`);
    assert.deepEqual(await accessibilityProblems(phone), []);
    await phone.close();
  });

  test("an expired session goes to sign-in and back to the page", async () => {
    // My day has loaded all it asks for (a request still in flight would itself meet the expiry).
    await settled(page, async () => {
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    });
    await context.clearCookies();
    await page.getByRole("link", { name: "Воронка сделок" }).click();
    await page.waitForURL(/\/sign-in\?next=%2Fboard/);
    await submitSignIn(page, "ivanov@voronka.example");
    await page.waitForURL(/\/board\/\d+$/);
  });

  test("signing out returns to sign-in", async () => {
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("heading", { name: "Вход в Воронку" }).waitFor();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/sign-in/);
  });

  test("no page broke the Content-Security-Policy", () => {
    assert.deepEqual(cspViolations, []);
  });
});

// [webA] lists, create with the duplicate warning, convert, edit in place, search, control.
describe("lists, records, search and control", () => {
  let ivanov;
  let page;
  const stamp = Date.now().toString(36);

  before(async () => {
    ivanov = await apiAs(server.url, "ivanov@voronka.example");
    page = await context.newPage();
    await page.goto(`${server.url}/leads`);
    await page.waitForURL(/\/sign-in/);
    await submitSignIn(page, "ivanov@voronka.example");
    await page.waitForURL(/\/leads$/);
  });

  after(async () => {
    await page?.close();
  });

  test("a lead is created once on a double-click, a second one with the phone written otherwise is a duplicate, and it converts", async () => {
    const title = `Заявка с выставки ${stamp}`;
    await page.getByRole("heading", { name: "Лиды", level: 1 }).waitFor();
    await screenshot(page, "lead-list");
    assert.deepEqual(await accessibilityProblems(page), []);

    await page.getByRole("button", { name: "Новый лид" }).click();
    let dialog = page.getByRole("dialog", { name: "Новый лид" });
    await dialog.getByLabel("Название").fill(title);
    await dialog.getByLabel("Имя").fill("Пётр Сидоров");
    await dialog.getByLabel("Телефоны").fill("+7 999 555-12-34");
    assert.deepEqual(await accessibilityProblems(page), []);
    await dialog.getByRole("button", { name: "Создать" }).dblclick();
    await page.waitForURL(/\/leads\/\d+$/);
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const leadId = Number(new URL(page.url()).pathname.split("/").pop());
    const same = await ivanov.get(`/api/v1/leads?q=${encodeURIComponent(title)}`);
    assert.equal(same.items.length, 1, "a double-click created one lead");

    await page.goto(`${server.url}/leads`);
    await page.getByRole("button", { name: "Новый лид" }).click();
    dialog = page.getByRole("dialog", { name: "Новый лид" });
    await dialog.getByLabel("Название").fill("Повторная заявка");
    await dialog.getByLabel("Телефоны").fill("8 (999) 555 12 34");
    await dialog.getByRole("button", { name: "Создать" }).click();
    const warning = dialog.getByRole("alert");
    await warning.getByText("Этот клиент уже есть:").waitFor();
    assert.equal(
      await warning.getByRole("link", { name: "открыть" }).getAttribute("href"),
      `/leads/${leadId}`,
    );
    assert.equal(await dialog.getByLabel("Название").inputValue(), "Повторная заявка");
    await screenshot(page, "duplicate-warning");
    assert.deepEqual(await accessibilityProblems(page), []);
    await warning.getByRole("link", { name: "открыть" }).click();
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();

    await page.getByRole("button", { name: "Конвертировать" }).click();
    const convert = page.getByRole("dialog", { name: "Конвертировать лид" });
    await convert.waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    await convert.getByRole("button", { name: "Конвертировать" }).click();
    await page.waitForURL(/\/deals\/\d+$/);
    await page.getByRole("heading", { name: title, level: 1 }).waitFor();
    const lead = await ivanov.get(`/api/v1/leads/${leadId}`);
    assert.ok(lead.converted_at, "the lead is converted");
    assert.equal(new URL(page.url()).pathname, `/deals/${lead.deal_id}`);
    await page.getByRole("link", { name: "Пётр Сидоров" }).waitFor();
  });

  test("a field edited in place shows the server's refusal at the field and keeps what was typed", async () => {
    await page.getByRole("button", { name: "Изменить: Сумма" }).click();
    const amount = page.getByRole("textbox", { name: "Сумма" });
    await amount.fill("20000000000000");
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.locator("#field-amount-error").waitFor();
    assert.equal(await amount.getAttribute("aria-invalid"), "true");
    assert.equal(await amount.inputValue(), "20000000000000");
    await screenshot(page, "field-error");
    assert.deepEqual(await accessibilityProblems(page), []);
    await amount.fill("2 000 000");
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByRole("status").getByText("Изменение сохранено.").waitFor();
    await page.getByText("2 000 000").first().waitFor();
  });

  test("a list searches as one types, pages with Show more and keeps its filters in the URL", async () => {
    const tag = `Пагинация${stamp}`;
    for (let i = 1; i <= 53; i++)
      await ivanov.post("/api/v1/contacts", { name: `${tag} ${String(i).padStart(2, "0")}` });
    await page.getByRole("link", { name: "Контакты" }).click();
    await page.getByRole("heading", { name: "Контакты", level: 1 }).waitFor();
    const searched = page.waitForResponse(
      (r) => r.url().includes("/api/v1/contacts?") && r.url().includes("q="),
    );
    await page.getByRole("searchbox", { name: "Поиск" }).fill(tag.toLowerCase());
    await searched;
    await page.getByRole("status").getByText("Показано 50 записей").waitFor();
    assert.match(page.url(), /[?&]q=/);
    const rows = page.getByRole("region", { name: "Контакты" }).getByRole("row");
    assert.equal(await rows.count(), 51);
    assert.equal(await rows.nth(1).getByRole("link").textContent(), `${tag} 53`);
    await screenshot(page, "contact-list");
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByRole("button", { name: "Показать ещё" }).click();
    await page.getByRole("status").getByText("Показаны 53 записи").waitFor();
    assert.equal(await page.getByRole("button", { name: "Показать ещё" }).count(), 0);
    const sorted = page.waitForResponse(
      (r) => r.url().includes("/api/v1/contacts?") && r.url().includes("sort=name"),
    );
    await page.getByLabel("Порядок").selectOption("name");
    await sorted;
    await page.getByRole("status").getByText("Показано 50 записей").waitFor();
    assert.equal(await rows.nth(1).getByRole("link").textContent(), `${tag} 01`);
    await page.reload();
    await page.getByRole("status").getByText("Показано 50 записей").waitFor();
    assert.equal(await page.getByRole("searchbox", { name: "Поиск" }).inputValue(), tag.toLowerCase());
    // The navigation's link to the open list clears its filters.
    await page.goto(`${server.url}/contacts`);
    await page.getByRole("searchbox", { name: "Поиск" }).fill(tag);
    await page.waitForURL(/\?q=/);
    await page
      .getByRole("navigation", { name: "Основное меню" })
      .getByRole("link", { name: "Контакты" })
      .click();
    await page.waitForURL(`${server.url}/contacts`);
    assert.equal(await page.getByRole("searchbox", { name: "Поиск" }).inputValue(), "");
  });

  test("Ctrl+K finds a contact by a phone written in another form and opens it", async () => {
    const contact = await ivanov.post("/api/v1/contacts", {
      name: `Анна Поискова ${stamp}`,
      phones: ["+7 916 123-45-67"],
    });
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    await page.keyboard.press("Control+k");
    const dialog = page.getByRole("dialog", { name: "Поиск" });
    await dialog.waitFor();
    await dialog.getByRole("combobox").fill("8 (916) 1234567");
    const hit = dialog.getByRole("group", { name: "Контакты" }).getByRole("option", { name: contact.name });
    await hit.waitFor();
    await screenshot(page, "search");
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/contacts/${contact.id}`);
    await page.getByRole("heading", { name: contact.name, level: 1 }).waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.keyboard.press("/");
    await page.getByRole("dialog", { name: "Поиск" }).waitFor();
    await page.keyboard.press("Escape");
  });

  test("the task and deal lists filter by what their APIs accept", async () => {
    await page.goto(`${server.url}/tasks`);
    await page.getByRole("heading", { name: "Задачи", level: 1 }).waitFor();
    await page
      .getByRole("status")
      .getByText(/Показан/)
      .waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByLabel("Статус").selectOption("done");
    await page.waitForURL(/status=done/);
    await page.goto(`${server.url}/deals?overdue=1`);
    await page.getByRole("heading", { name: "Сделки", level: 1 }).waitFor();
    assert.equal(await page.getByLabel("Срок этапа истёк").isChecked(), true);
    await page
      .getByRole("status")
      .getByText(/Показан/)
      .waitFor();
    assert.deepEqual(await accessibilityProblems(page), []);
  });

  test("a manager has no control report; a head sees it with drill-down", async () => {
    // The deal converted above is in the first stage of the default deal pipeline; a deadline of
    // one second puts it past its stage deadline.
    const admin = await apiAs(server.url, "admin@voronka.example");
    const pipeline = (await admin.get("/api/v1/pipelines?record_type=deal")).items.find((p) => p.is_default);
    const first = [...pipeline.stages].sort((a, b) => a.position - b.position).find((s) => s.kind === "open");
    await admin.patch(`/api/v1/pipelines/${pipeline.id}/stages/${first.id}`, { max_duration: "PT1S" });
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const nav = page.getByRole("navigation", { name: "Основное меню" });
    assert.equal(await nav.getByRole("link", { name: "Контроль" }).count(), 0);
    await page.goto(`${server.url}/control`);
    await page.getByRole("heading", { name: "Не найдено" }).waitFor();

    await page.getByRole("button", { name: "Выйти" }).click();
    await page.getByRole("heading", { name: "Вход в Воронку" }).waitFor();
    await submitSignIn(page, "head@voronka.example");
    await page.getByRole("heading", { name: "Мой день", level: 1 }).waitFor();
    await nav.getByRole("link", { name: "Контроль" }).click();
    await page.getByRole("heading", { name: "Контроль", level: 1 }).waitFor();
    const row = page.getByRole("row", { name: /Иван Иванов/ });
    await row.waitFor();
    const overdueDeals = Number(await row.getByRole("cell").nth(1).textContent());
    assert.ok(overdueDeals > 0, "Ivanov has deals past their stage deadline");
    const details = page.locator("details", { hasText: "Подробнее: Иван Иванов" });
    await details.getByText("Подробнее: Иван Иванов").click();
    const deals = details.locator(".records", { hasText: "Сделки" }).first();
    assert.ok((await deals.getByRole("listitem").count()) > 0);
    await screenshot(page, "control");
    assert.deepEqual(await accessibilityProblems(page), []);
    await deals.getByRole("link", { name: "Открыть списком" }).click();
    await page.waitForURL(/\/deals\?owner_id=\d+&overdue=1$/);
    await page.getByRole("heading", { name: "Сделки", level: 1 }).waitFor();
    assert.equal(await page.getByLabel("Срок этапа истёк").isChecked(), true);
    assert.equal(await page.getByLabel("Ответственный").inputValue(), String(ivanov.user.id));
    await page.getByRole("link", { name: `Заявка с выставки ${stamp}` }).waitFor();
  });

  test("the lists and a record card fit 390 px", async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/deals", "/contacts"]) {
      await phone.goto(`${server.url}${path}`);
      await phone
        .getByRole("status")
        .getByText(/Показан/)
        .waitFor();
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${path} is ${width} px wide`);
    }
    await phone.getByRole("region", { name: "Контакты" }).getByRole("link").first().click();
    await phone.getByRole("button", { name: "Изменить: Имя" }).waitFor();
    await screenshot(phone, "contact-card-390px");
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the contact card is ${width} px wide`);
    assert.deepEqual(await accessibilityProblems(phone), []);
    await phone.close();
  });

  test("a head hands selected records over to another manager", async () => {
    const tag = `Передача${stamp}`;
    const a = await ivanov.post("/api/v1/contacts", { name: `${tag} А` });
    const b = await ivanov.post("/api/v1/contacts", { name: `${tag} Б` });
    const sokolova = await apiAs(server.url, "sokolova@voronka.example");
    await page.goto(`${server.url}/contacts?q=${encodeURIComponent(tag)}`);
    await page.getByRole("status").getByText("Показаны 2 записи").waitFor();
    await page.getByRole("checkbox", { name: "Выбрать все на странице" }).check();
    await page.getByText("Выбраны 2 записи").waitFor();
    await page.getByLabel("Передать ответственному").selectOption(String(sokolova.user.id));
    await screenshot(page, "bulk-reassign");
    assert.deepEqual(await accessibilityProblems(page), []);
    await page.getByRole("button", { name: "Передать", exact: true }).click();
    await page.getByRole("status").getByText("2 записи переданы: Мария Соколова.").waitFor();
    for (const contact of [a, b]) {
      assert.equal((await sokolova.get(`/api/v1/contacts/${contact.id}`)).owner_id, sokolova.user.id);
    }
  });

  test("no page of these broke the Content-Security-Policy", () => {
    assert.deepEqual(cspViolations, []);
  });
});
