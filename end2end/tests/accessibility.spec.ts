import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { LoginPage, ReportPage } from "./pages";

// Automated WCAG 2.1 A/AA checks (axe-core) on every page, in every language. They catch
// what a machine can (contrast, names, labels, landmarks, lang); keyboard and screen-reader
// walks stay a person's job.
async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.passes.length, `${what}: axe ran its checks`).toBeGreaterThan(0);
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

const pages = ["/", "/login", "/candidates", "/candidates/1", "/candidates/1/history", "/candidates/new", "/notifications", "/no-such-page"];

test("pages pass automated WCAG 2.1 AA checks, signed out and signed in", async ({ page }) => {
  // Sixteen full axe runs on two shared cores: more than the default 30 s.
  test.slow();
  for (const path of pages) {
    await page.goto(path);
    await expectNoViolations(page, `${path} signed out`);
  }
  await new LoginPage(page).signIn("kim@aarhus.demo");
  for (const path of pages) {
    await page.goto(path);
    await expectNoViolations(page, `${path} signed in`);
  }
  // A form showing its errors.
  const report = new ReportPage(page);
  await report.open();
  await report.fill({ title: "Checked", description: "Checked by axe.", volume: "lots", minutes: "5" });
  await report.submit();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoViolations(page, "report form with errors");
});

for (const lang of ["da", "de", "sv"]) {
  test(`pages in ${lang} pass automated WCAG 2.1 AA checks`, async ({ page }) => {
    await page.goto("/candidates");
    await page.goto(`/lang/${lang}`);
    await page.goto("/candidates");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectNoViolations(page, `/candidates in ${lang}`);
  });
}
