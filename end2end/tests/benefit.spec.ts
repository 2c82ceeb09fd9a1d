import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hydrated, LoginPage, ReportPage } from "./pages";

// Benefit and cost: Aarhus' admin (mads) checks the municipality settings, a reporter (anna)
// sees the benefit appear on her candidate once the automation share is filled in. The settings
// are saved back as they were found: both projects share one server and one database.

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test("an admin's settings are checked at the field and saved @nojs", async ({ page }, info) => {
  await new LoginPage(page).signIn("mads@aarhus.demo", "/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  if (info.project.name === "hydrated") await hydrated(page);
  const currency = page.getByLabel("Currency", { exact: true });
  const found = await currency.inputValue();
  // Three characters (the field takes no more), but not letters.
  await currency.fill("DK1");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByText("Enter the currency as three capital letters (ISO 4217), e.g. DKK.")).toBeVisible();
  await expect(page.getByLabel("Currency", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Currency", { exact: true }).fill(found);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  }
});

test("the candidate's page shows the benefit once the automation share is known @nojs", async ({ page }, info) => {
  const title = unique(`Benefit (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title, description: "Invoices are matched by hand.", volume: "40", period: "week", minutes: "15" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const benefit = page.getByRole("region", { name: "Benefit and cost" });
  await expect(benefit).toContainText("Fill in the automation share to see the benefit.");

  await benefit.getByRole("link", { name: "Complete the record" }).click();
  if (info.project.name === "hydrated") await hydrated(page);
  await page.getByLabel("Expected automation share (%)").fill("80");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  // 2,080 cases × 15 minutes = 520 hours; 80 % of them saved.
  await expect(page.getByTestId("manual-hours")).toHaveText("520");
  await expect(page.getByTestId("benefit-hours")).toHaveText("416");
  await expect(benefit).toContainText("Build and run costs are recorded from the analysis phase on");
});
