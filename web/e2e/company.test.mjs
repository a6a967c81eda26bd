// Browser test of the company card's contacts and deals: Ivanov's company has his contacts, a
// contact of Sokolova's he must not see (an admin attached it) and his deal; the card lists exactly
// what he sees, pages the contacts with "Показать ещё", passes axe and fits a 390 px phone; a deal
// added elsewhere while the card is open appears on it without a reload (the live stream).
// Needs VORONKA_BINARY and a built web/dist (as browser.test.mjs).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { accessibilityProblems, screenshot, serverAndBrowser, signIn } from "./helpers.mjs";
import { apiAs } from "./server.mjs";

const started = serverAndBrowser();

describe("the company card", () => {
  let company;
  let deal;
  let stageName;
  const names = [];
  let page;

  before(async () => {
    const ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
    const admin = await apiAs(started.server.url, "admin@voronka.example");
    const sokolova = await apiAs(started.server.url, "sokolova@voronka.example");
    company = await ivanov.post("/api/v1/companies", { name: "ООО «Станкомаш»" });
    // One more than a page of the card (20), so that "Показать ещё" brings the last one.
    for (let i = 1; i <= 21; i += 1) {
      const name = `Сотрудник Станкомаша ${String(i).padStart(2, "0")}`;
      await ivanov.post("/api/v1/contacts", { name, company_id: company.id });
      names.push(name);
    }
    await admin.post("/api/v1/contacts", {
      name: "Скрытый контакт Соколовой",
      company_id: company.id,
      owner_id: sokolova.user.id,
    });
    deal = await ivanov.post("/api/v1/deals", {
      title: "Станки для Станкомаша",
      company_id: company.id,
      amount: 250_000_00,
    });
    const pipeline = await ivanov.get(`/api/v1/pipelines/${deal.pipeline_id}`);
    stageName = pipeline.stages.find((s) => s.id === deal.stage_id).name;
    const context = await started.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: "ru-RU",
      timezoneId: "Europe/Moscow",
    });
    page = await context.newPage();
    await signIn(page, started.server.url, "ivanov@voronka.example");
  });
  after(() => page?.context().close());

  test("lists the company's contacts and deals that the manager sees, with Show more", async () => {
    await page.goto(`${started.server.url}/companies/${company.id}`);
    const contacts = page.getByRole("region", { name: "Контакты" });
    const deals = page.getByRole("region", { name: "Сделки" });
    await contacts.getByRole("link", { name: names[0] }).waitFor();
    assert.equal(await contacts.getByRole("link").count(), 20);
    await contacts.getByRole("button", { name: "Показать ещё" }).click();
    await contacts.getByRole("link", { name: names[20] }).waitFor();
    assert.deepEqual(await contacts.getByRole("link").allTextContents(), names);
    assert.equal(await contacts.getByRole("button", { name: "Показать ещё" }).count(), 0);
    assert.equal(await page.getByText("Скрытый контакт Соколовой").count(), 0);

    const dealLink = deals.getByRole("link", { name: "Станки для Станкомаша" });
    await dealLink.waitFor();
    assert.equal(await deals.getByRole("link").count(), 1);
    assert.equal(await dealLink.getAttribute("href"), `/deals/${deal.id}`);
    const row = await deals.getByRole("listitem").textContent();
    assert.match(row, /250\s000\s₽/);
    assert.ok(row.includes(stageName), `${row} names the stage ${stageName}`);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the card is ${overflow} px wider than a 390 px screen`);
    await screenshot(page, "company-card-390");
    assert.deepEqual(await accessibilityProblems(page), []);

    await contacts.getByRole("link", { name: names[0] }).click();
    await page.getByRole("heading", { name: names[0], level: 1 }).waitFor();
  });

  test("a deal added elsewhere appears on the open card, the contacts shown kept", async () => {
    const ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
    await page.goto(`${started.server.url}/companies/${company.id}`);
    const contacts = page.getByRole("region", { name: "Контакты" });
    const deals = page.getByRole("region", { name: "Сделки" });
    await contacts.getByRole("button", { name: "Показать ещё" }).click();
    await contacts.getByRole("link", { name: names[20] }).waitFor();
    await page.evaluate(() => {
      window.notReloaded = true;
    });
    await ivanov.post("/api/v1/deals", { title: "Вторая поставка Станкомашу", company_id: company.id });
    await deals.getByRole("link", { name: "Вторая поставка Станкомашу" }).waitFor({ timeout: 10_000 });
    assert.equal(await deals.getByRole("link").count(), 2);
    assert.equal(await contacts.getByRole("link").count(), 21);
    assert.equal(await page.evaluate(() => window.notReloaded === true), true, "the page was reloaded");
  });

  test("a company without contacts or deals says so", async () => {
    const ivanov = await apiAs(started.server.url, "ivanov@voronka.example");
    const empty = await ivanov.post("/api/v1/companies", { name: "ООО «Пусто»" });
    await page.goto(`${started.server.url}/companies/${empty.id}`);
    await page.getByText("У компании нет контактов, которые вам видны.").waitFor();
    await page.getByText("У компании нет сделок, которые вам видны.").waitFor();
  });
});
