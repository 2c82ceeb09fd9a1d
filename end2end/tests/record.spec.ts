import { expect, test } from "@playwright/test";
import { hydrated, LoginPage, ReportPage } from "./pages";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test("a reporter completes the record; other municipalities see it without personal data @nojs", async ({
  page,
}, info) => {
  const title = unique(`Complete (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title, description: "Permits are checked by hand.", volume: "12", minutes: "30" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const url = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Edit the record" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit: ${title}` })).toBeVisible();
  if (info.project.name === "hydrated") await hydrated(page);
  // Later groups say when they will be asked for.
  await expect(page.getByRole("group", { name: "Cost" })).toContainText("Asked from the phase Analysis on.");
  await page.getByLabel("Problem today").fill("Three systems and a spreadsheet.");
  await page.getByLabel("Tags").fill("permits, building");
  await page.getByLabel("Visible to").selectOption({ label: "The consortium" });
  await page.getByLabel("Contact person").fill("Anna Holm");
  await page.getByLabel("Contact e-mail").fill("anna@aarhus.demo");
  await page.getByLabel("Error rate (%)").fill("lots");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Please enter a number, e.g. 12 or 12.5.")).toBeVisible();
  await expect(page.getByLabel("Error rate (%)")).toHaveAttribute("aria-invalid", "true");

  // Without JavaScript the form comes back with what is stored; fill it again.
  await page.getByLabel("Problem today").fill("Three systems and a spreadsheet.");
  await page.getByLabel("Tags").fill("permits, building");
  await page.getByLabel("Visible to").selectOption({ label: "The consortium" });
  await page.getByLabel("Contact person").fill("Anna Holm");
  await page.getByLabel("Contact e-mail").fill("anna@aarhus.demo");
  await page.getByLabel("Error rate (%)").fill("4");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(page.getByText("Three systems and a spreadsheet.")).toBeVisible();
  await expect(page.getByText("building, permits")).toBeVisible();
  await expect(page.getByText("Anna Holm").first()).toBeVisible();

  await page.context().clearCookies();
  await new LoginPage(page).signIn("olga@odense.demo", url);
  await expect(page.getByText("Three systems and a spreadsheet.")).toBeVisible();
  await expect(page.getByText("anna@aarhus.demo")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit the record" })).toHaveCount(0);
  expect((await page.request.get(`${url}/edit`)).status()).toBe(403);
});
