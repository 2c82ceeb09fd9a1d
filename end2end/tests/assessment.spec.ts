import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { AssessmentForm, hydrated, LoginPage, ReportPage } from "./pages";

// Assessing a candidate on the scoring model: Anna reports it, Kim (coordinator of Aarhus)
// assesses it with the answers the record gives already filled in, reads the breakdown on the
// candidate's page, changes one answer and finds the change explained in the score history.
// Runs hydrated and with JavaScript disabled (@nojs).

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test("a coordinator assesses a candidate and the history explains a change @nojs", async ({ page }, info) => {
  const title = unique(`Assessed (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title, description: "Invoices are matched by hand.", volume: "40", period: "week", minutes: "15" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const path = new URL(page.url()).pathname;

  await page.context().clearCookies();
  await new LoginPage(page).signIn("kim@aarhus.demo", path);
  const score = page.getByRole("region", { name: "Score" });
  await expect(score).toContainText("Not assessed yet.");
  await score.getByRole("link", { name: "Assess" }).click();
  await expect(page).toHaveURL(/\/assessment$/);
  if (info.project.name === "hydrated") await hydrated(page);

  const form = new AssessmentForm(page);
  // 40 a week = 2,080 cases a year and 15 minutes a case come from the record.
  await expect(form.criterion("Volume").getByRole("textbox")).toHaveValue("2080");
  await expect(form.criterion("Volume")).toContainText("From the record");
  await expect(form.criterion("Handling time").getByRole("textbox")).toHaveValue("15");

  // Saving with criteria unanswered: named beside each, nothing saved.
  await form.submit();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(form.criterion("Rule-based")).toContainText("Please fill this in.");

  await form.choose("Benefit for citizens and staff", 4);
  await form.choose("Strategic fit", 3);
  await form.choose("Rule-based", 5);
  await form.choose("Digital, structured input", 4);
  await form.choose("Stable process", 1);
  await form.type("Exceptions", "5");
  await form.type("IT systems", "2");
  await form.choose("Legal clarity", 5);
  if (info.project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  }
  await form.submit();
  await expect(page).toHaveURL(new RegExp(`${path}\\?assessed=1`));
  await expect(page.getByRole("status").filter({ hasText: "The assessment is saved." })).toBeVisible();
  await expect(score.getByTestId("utility")).toHaveText("76.0");
  await expect(score.getByTestId("quadrant")).toHaveText("Quick win");
  const breakdown = score.getByRole("table", { name: /How the score is made up/ });
  await expect(breakdown.getByRole("row").filter({ hasText: "Volume" })).toContainText("2,080 cases a year");
  await expect(score).toContainText("No knock-out criterion stops this candidate.");

  // Rule-based after all not: the knock-out stops it, and the history says why.
  await score.getByRole("link", { name: "Update assessment" }).click();
  if (info.project.name === "hydrated") await hydrated(page);
  await expect(form.criterion("Rule-based").getByRole("radio").nth(4)).toBeChecked();
  await form.choose("Rule-based", 1);
  await form.submit();
  await expect(score).toContainText("Stopped by a knock-out criterion");
  await score.getByRole("link", { name: "Score history" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Score history" })).toBeVisible();
  const newest = page.getByRole("listitem").filter({ hasText: "Answers changed" });
  await expect(newest).toContainText("Rule-based: 5 – Fully rule-based → 1 – Mostly judgement");
  await expect(page.getByRole("listitem").filter({ hasText: "First assessment" })).toBeVisible();
});
