// Browser tests of the automation and administration screens (issue 8): an admin creates a
// user and a stage; a head saves a rule with a bad condition, sees the error at that control,
// fixes it and saves; the SMS counter follows the typing; a manager sees neither section; deleting
// asks in a dialog (keyboard, Escape, a refusal in words). axe-core
// on every screen. Needs VORONKA_BINARY and a built web/dist (as browser.test.mjs).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { accessibilityProblems, newContext, screenshot, serverAndBrowser, signIn } from "./helpers.mjs";
import { apiAs } from "./server.mjs";

const started = serverAndBrowser();

async function pageAs(email) {
  const context = await newContext(started.browser);
  const page = await context.newPage();
  await signIn(page, started.server.url, email);
  return page;
}

// Polls until the check answers something truthy (the outbox works in the background).
async function eventually(check, timeout = 20_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function checkAxe(page, name) {
  await screenshot(page, name);
  assert.deepEqual(await accessibilityProblems(page), [], name);
}

describe("administration", () => {
  let page;
  let admin;
  before(async () => {
    admin = await apiAs(started.server.url, "admin@voronka.example");
    page = await pageAs("admin@voronka.example");
  });
  after(() => page?.context().close());

  test("every section opens from the menu and passes axe", async () => {
    await page.getByRole("link", { name: "Администрирование" }).click();
    await page.getByRole("heading", { name: "Сотрудники", level: 1 }).waitFor();
    await checkAxe(page, "admin-users");
    const sections = [
      ["Отделы", "admin-departments"],
      ["Воронки и этапы", "admin-pipelines"],
      ["Дополнительные поля", "admin-custom-fields"],
      ["Организация", "admin-settings"],
      ["Почта и SMS", "admin-channels"],
      ["API-токены", "admin-tokens"],
    ];
    const nav = page.getByRole("navigation", { name: "Разделы администрирования" });
    for (const [title, shot] of sections) {
      await nav.getByRole("link", { name: title }).click();
      await page.getByRole("heading", { name: title, level: 1 }).waitFor();
      await page.locator("form:visible, table:visible, .empty:visible").first().waitFor();
      await checkAxe(page, shot);
    }
  });

  test("an admin creates a user, who can then sign in, and deactivates them", async () => {
    await page.goto(`${started.server.url}/admin/users`);
    await page.getByText("Новый сотрудник").click();
    await page.getByLabel("Имя", { exact: true }).fill("Пётр Новиков");
    await page.getByLabel("Эл. почта").fill("bad-address");
    await page.getByLabel("Пароль").fill("новый-пароль-1");
    await page.getByRole("button", { name: "Создать" }).click();
    // The server's refusal is shown at the e-mail field, and what was typed stays.
    const email = page.getByLabel("Эл. почта");
    await page.locator("#new-user-email[aria-invalid='true']").waitFor();
    assert.equal(await page.getByLabel("Имя", { exact: true }).inputValue(), "Пётр Новиков");
    await email.fill("novikov@voronka.example");
    await page.getByLabel("Роль", { exact: true }).selectOption("head");
    await page.getByRole("button", { name: "Создать" }).click();
    await page.getByRole("status").getByText("Сотрудник «Пётр Новиков» создан.").waitFor();
    await page.getByRole("cell", { name: "novikov@voronka.example" }).waitFor();
    const users = await admin.get("/api/v1/users?limit=200");
    const created = users.items.find((u) => u.email === "novikov@voronka.example");
    assert.equal(created?.role, "head");
    await apiAs(started.server.url, "novikov@voronka.example", "новый-пароль-1");
    await checkAxe(page, "admin-user-created");
    // Deactivated, the user can no longer sign in.
    await page.getByRole("button", { name: "Отключить: Пётр Новиков" }).click();
    await page.getByRole("status").getByText("Сотрудник «Пётр Новиков» изменён.").waitFor();
    await page.getByRole("button", { name: "Включить: Пётр Новиков" }).waitFor();
    await assert.rejects(
      apiAs(started.server.url, "novikov@voronka.example", "новый-пароль-1"),
      /failed: 401/,
    );
  });

  test("an admin adds a stage with a deadline to a pipeline", async () => {
    const pipelines = await admin.get("/api/v1/pipelines");
    const pipeline = pipelines.items.find((p) => p.record_type === "deal");
    await page.goto(`${started.server.url}/admin/pipelines`);
    const card = page.getByRole("region", { name: new RegExp(`Этапы воронки «${pipeline.name}»`) });
    await card.getByText("Добавить этап").click();
    const form = card.locator(`form:has(#new-stage-${pipeline.id}-name)`);
    await form.getByLabel("Название этапа").fill("Согласование договора");
    await form.getByLabel("Срок на этапе").fill("три дня");
    await form.getByRole("button", { name: "Создать" }).click();
    await form.locator("[aria-invalid='true']").first().waitFor();
    await form.getByLabel("Срок на этапе").fill("P3D");
    await form.getByRole("button", { name: "Создать" }).click();
    await page.getByRole("status").getByText("Этап «Согласование договора» добавлен.").waitFor();
    const after = await admin.get(`/api/v1/pipelines/${pipeline.id}`);
    const stage = after.stages.find((s) => s.name === "Согласование договора");
    assert.equal(stage?.max_duration, "P3D");
    await checkAxe(page, "admin-stage-added");
  });

  test("the allow-list admits a local webhook; its failed message is retried from the log", async () => {
    // A webhook target on loopback that refuses every call (HTTP 400: a permanent failure).
    let hits = 0;
    const target = createServer((request, response) => {
      hits += 1;
      request.resume();
      response.writeHead(400).end();
    });
    await new Promise((resolve) => target.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${target.address().port}/hook`;
    try {
      await page.goto(`${started.server.url}/admin/channels`);
      const outbound = page.getByRole("region", { name: "Разрешённые внутренние адреса" });
      await outbound.getByLabel("Список").fill("127.0.0.1");
      await outbound.getByRole("button", { name: "Сохранить" }).click();
      await outbound.getByRole("status").getByText("Сохранено.").waitFor();
      const rule = await admin.post("/api/v1/automation/rules", {
        name: "Вебхук о новой сделке",
        record_type: "deal",
        trigger: { type: "record_created" },
        actions: [{ type: "webhook", url, secret: "s3cret-value" }],
      });
      const ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
      await ivanov.post("/api/v1/deals", { title: "Сделка для вебхука", amount: 500_00 });
      const failed = await eventually(async () => {
        const list = await admin.get(`/api/v1/messages?rule_id=${rule.id}&state=failed`);
        return list.items[0];
      });
      assert.equal(hits, 1);
      await page.getByRole("link", { name: "Автоматизация" }).click();
      await page
        .getByRole("navigation", { name: "Разделы автоматизации" })
        .getByRole("link", { name: "Журнал сообщений" })
        .click();
      const retry = page.getByRole("button", { name: `Повторить отправку сообщения ${failed.id}` });
      await retry.waitFor();
      await page.getByText(failed.last_error).first().waitFor();
      await checkAxe(page, "automation-messages-failed");
      await retry.click();
      await page.getByRole("status").getByText(`Сообщение ${failed.id} снова в очереди.`).waitFor();
      await eventually(async () => hits === 2);
    } finally {
      target.close();
    }
  });

  test("an admin sends a test SMS through the saved provider and sees it delivered", async () => {
    // A provider on loopback answering as SMS.ru does when it accepts a number.
    const received = [];
    const provider = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += chunk;
      });
      request.on("end", () => {
        const to = new URLSearchParams(body).get("to");
        received.push({ path: request.url, to });
        response.writeHead(200, { "Content-Type": "application/json" }).end(
          JSON.stringify({
            status: "OK",
            status_code: 100,
            sms: { [to]: { status: "OK", status_code: 100, sms_id: "test-1" } },
            balance: 10,
          }),
        );
      });
    });
    await new Promise((resolve) => provider.listen(0, "127.0.0.1", resolve));
    try {
      await admin.put("/api/v1/settings/outbound", { allowed: ["127.0.0.1"] });
      await admin.put("/api/v1/settings/sms", {
        preset: "smsru",
        api_key: "key",
        base_url: `http://127.0.0.1:${provider.address().port}`,
      });
      await page.goto(`${started.server.url}/admin/channels`);
      const test = page.getByRole("region", { name: "SMS" }).getByRole("form", { name: "Проверка" });
      const to = test.getByLabel("Отправить проверочное SMS на номер");
      await to.fill("12");
      await test.getByRole("button", { name: "Отправить проверку" }).click();
      await test.locator("input[aria-invalid=true]").waitFor();
      assert.equal(received.length, 0);
      await to.fill("8 (916) 123-45-67");
      await test.getByRole("button", { name: "Отправить проверку" }).click();
      await test.getByRole("status").getByText("Доставлено: сервер принял сообщение.").waitFor();
      assert.deepEqual(received, [{ path: "/sms/send", to: "79161234567" }]);
      await checkAxe(page, "admin-channels-test-sent");
    } finally {
      provider.close();
    }
  });

  test("an API token is shown once and can be revoked", async () => {
    await page.goto(`${started.server.url}/admin/tokens`);
    await page.getByText("Новый токен").click();
    await page.getByLabel("Для чего").fill("Интеграция с 1С");
    await page.getByRole("button", { name: "Создать" }).click();
    const token = await page.getByLabel("Токен", { exact: true }).inputValue();
    assert.match(token, /^vk_/);
    const check = await fetch(`${started.server.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(check.status, 200);
    await page.getByRole("button", { name: "Отозвать токен «Интеграция с 1С»" }).click();
    await page
      .getByRole("dialog", { name: "Отозвать токен «Интеграция с 1С»" })
      .getByRole("button", { name: "Отозвать" })
      .click();
    await page.getByRole("status").getByText("Токен «Интеграция с 1С» отозван.").waitFor();
    const revoked = await fetch(`${started.server.url}/api/v1/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(revoked.status, 401);
  });

  // The ConfirmDelete dialog (ui/ConfirmDelete.tsx) as a component, on the departments screen.
  test("deleting asks first: Escape keeps it, a refusal is said in the dialog, Enter on Delete deletes", async () => {
    await admin.post("/api/v1/departments", { name: "Временный отдел", kind: "other" });
    await page.goto(`${started.server.url}/admin/departments`);
    const opener = page.getByRole("button", { name: "Удалить отдел «Закупки»" });
    const dialog = page.getByRole("dialog", { name: "Удалить отдел «Закупки»" });
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");

    // Focus starts on Cancel; Escape closes, focus returns, nothing is deleted.
    await opener.click();
    await dialog.waitFor();
    assert.equal(await focused(), "Отмена");
    await checkAxe(page, "confirm-delete");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
      "Удалить отдел «Закупки»",
    );

    // A department with users is refused: the reason in words, the dialog stays open.
    await opener.click();
    await dialog.getByRole("button", { name: "Удалить", exact: true }).click();
    await dialog.getByRole("alert").getByText("Отдел нельзя удалить", { exact: false }).waitFor();
    assert.equal(await dialog.isVisible(), true);
    await dialog.getByRole("button", { name: "Отмена" }).click();
    await dialog.waitFor({ state: "detached" });
    const names = async () => (await admin.get("/api/v1/departments?limit=200")).items.map((d) => d.name);
    assert.ok((await names()).includes("Закупки"));

    // By keyboard alone: Tab from Cancel to Delete, Enter.
    await page.getByRole("button", { name: "Удалить отдел «Временный отдел»" }).focus();
    await page.keyboard.press("Enter");
    const temporary = page.getByRole("dialog", { name: "Удалить отдел «Временный отдел»" });
    await temporary.waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "Удалить");
    await page.keyboard.press("Enter");
    await page.getByRole("status").getByText("Отдел «Временный отдел» удалён.").waitFor();
    assert.ok(!(await names()).includes("Временный отдел"));
  });
});

describe("automation", () => {
  let page;
  let head;
  before(async () => {
    head = await apiAs(started.server.url, "head@voronka.example");
    page = await pageAs("head@voronka.example");
  });
  after(() => page?.context().close());

  test("a head's rule with a bad condition shows the error at that condition, then saves", async () => {
    await page.getByRole("link", { name: "Автоматизация" }).click();
    await page.getByRole("heading", { name: "Автоматизация", level: 1 }).waitFor();
    await checkAxe(page, "automation-rules");
    await page.getByRole("link", { name: "Новое правило" }).click();
    await page.getByRole("heading", { name: "Новое правило" }).waitFor();
    await page.getByLabel("Название").fill("Крупная сделка: сообщить руководителю");
    await page.getByRole("button", { name: "Добавить условие" }).click();
    const condition = page.getByRole("group", { name: "Условие 1" });
    await condition.getByLabel("Поле").fill("no_such_field");
    await condition.getByLabel("Значение").fill("1000000");
    await page
      .getByRole("group", { name: "Действие 1" })
      .getByLabel("Текст")
      .fill("Новая сделка {{record.title}}");
    await page.getByRole("button", { name: "Сохранить" }).click();
    const field = condition.getByLabel("Поле");
    await condition.locator("[aria-invalid='true']").waitFor();
    assert.equal(await field.getAttribute("aria-invalid"), "true");
    const describedBy = await field.getAttribute("aria-describedby");
    assert.ok(describedBy, "the field points at its error");
    assert.notEqual((await page.locator(`#${describedBy}`).textContent()).trim(), "");
    assert.equal(await condition.getByLabel("Значение").inputValue(), "1000000");
    await checkAxe(page, "automation-rule-error");
    await field.fill("amount");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(/\/automation\/rules\/\d+$/);
    await page.getByRole("heading", { name: "Правило «Крупная сделка: сообщить руководителю»" }).waitFor();
    const rules = await head.get("/api/v1/automation/rules");
    const rule = rules.items.find((r) => r.name === "Крупная сделка: сообщить руководителю");
    assert.deepEqual(rule.conditions, [{ field: "amount", op: ">", value: 1000000 }]);
    // Switched off and on again from the list.
    await page
      .getByRole("navigation", { name: "Разделы автоматизации" })
      .getByRole("link", { name: "Правила" })
      .click();
    await page.getByRole("button", { name: `Выключить правило «${rule.name}»` }).click();
    await page.getByRole("status").getByText(`Правило «${rule.name}» выключено.`).waitFor();
    assert.equal((await head.get(`/api/v1/automation/rules/${rule.id}`)).enabled, false);
    await page.getByRole("button", { name: `Включить правило «${rule.name}»` }).click();
    await page.getByRole("status").getByText(`Правило «${rule.name}» включено.`).waitFor();
    await page.goto(`${started.server.url}/automation/rules/${rule.id}/runs`);
    await page.getByRole("heading", { name: /Журнал запусков/ }).waitFor();
    await checkAxe(page, "automation-run-log");
  });

  test("the SMS counter follows the typing; the saved template previews for a deal", async () => {
    await page.goto(`${started.server.url}/automation/templates`);
    await page.getByRole("heading", { name: "Автоматизация", level: 1 }).waitFor();
    await checkAxe(page, "automation-templates");
    await page.getByRole("link", { name: "Новый шаблон" }).click();
    await page.getByLabel("Название").fill("Напоминание");
    const body = page.getByLabel("Текст");
    const counter = page.locator("output.sms-counter");
    await body.fill("Hello");
    await counter.getByText("GSM-7: 5 из 160, частей: 1").waitFor();
    await body.fill("Hello {curly}");
    await counter.getByText("GSM-7: 15 из 160, частей: 1").waitFor();
    await body.fill("Здравствуйте");
    await counter.getByText("UCS-2: 12 из 70, частей: 1").waitFor();
    await body.pressSequentially("!".repeat(60));
    await counter.getByText("UCS-2: 72 из 134, частей: 2").waitFor();
    await checkAxe(page, "automation-template-new");
    await body.fill("Сделка {{record.title}} ждёт вас");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(/\/automation\/templates\/\d+$/);
    const ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
    const deal = await ivanov.post("/api/v1/deals", { title: "Станки", amount: 100_00 });
    await page.getByLabel("Номер записи").fill(String(deal.id));
    await page.getByRole("button", { name: "Показать" }).click();
    await page.getByText("Сделка Станки ждёт вас").waitFor();
    await checkAxe(page, "automation-template-preview");
    // Saving a change renders the preview again.
    await body.fill("Сделка {{record.title}} ждёт вас завтра");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.getByText("Сделка Станки ждёт вас завтра").waitFor();
  });

  test("the automation screens speak English too", async () => {
    await page.goto(`${started.server.url}/automation`);
    await page.getByLabel("Язык").selectOption("en");
    await page.getByRole("heading", { name: "Automation", level: 1 }).waitFor();
    await page.getByRole("link", { name: "New rule" }).click();
    await page.getByRole("group", { name: "Action 1" }).getByLabel("What to do").waitFor();
    await page.goto(`${started.server.url}/automation/templates/new`);
    await page.getByLabel("Text").fill("Hi");
    await page.locator("output.sms-counter").getByText("GSM-7: 2 of 160, parts: 1").waitFor();
    await checkAxe(page, "automation-template-english");
    await page.getByLabel("Language").selectOption("ru");
    await page.getByRole("heading", { name: "Новый шаблон" }).waitFor();
  });

  test("the message log opens and passes axe", async () => {
    await page.goto(`${started.server.url}/automation/messages`);
    await page.getByRole("heading", { name: "Автоматизация", level: 1 }).waitFor();
    await page.locator("table, .empty").first().waitFor();
    await checkAxe(page, "automation-messages");
  });
});

describe("a manager", () => {
  test("sees neither automation nor administration, and their URLs say not found", async () => {
    const page = await pageAs("ivanov@voronka.example");
    const nav = page.getByRole("navigation", { name: "Основное меню" });
    assert.equal(await nav.getByRole("link", { name: "Автоматизация" }).count(), 0);
    assert.equal(await nav.getByRole("link", { name: "Администрирование" }).count(), 0);
    for (const path of [
      "/automation",
      "/automation/rules/new",
      "/automation/templates/1",
      "/admin",
      "/admin/tokens",
    ]) {
      await page.goto(`${started.server.url}${path}`);
      await page.getByRole("heading", { name: "Не найдено" }).waitFor();
    }
    await page.context().close();
  });
});
