import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hydrated, LoginPage } from "./pages";

// Re-scoring onto the current model version (issue 5): a municipality's coordinator (kim) sees
// the preview of their backlog and may not re-score the consortium's; the coordination group
// (carla) sees the consortium's. Nothing is applied here: both projects share one database.

test("a coordinator previews the municipality's re-score, not the consortium's @nojs", async ({ page }, info) => {
  await new LoginPage(page).signIn("kim@aarhus.demo", "/scoring/rescore");
  await expect(page.getByRole("heading", { level: 1, name: "Re-score onto the current model" })).toBeVisible();
  if (info.project.name === "hydrated") await hydrated(page);
  const backlog = page.getByRole("group", { name: "Backlog" });
  await expect(backlog.getByRole("radio", { name: "My municipality's candidates" })).toBeChecked();
  await expect(page.getByRole("heading", { level: 2, name: "Summary" })).toBeVisible();
  await expect(page.getByText("Assessed candidates")).toBeVisible();
  const apply = page.getByRole("button", { name: /^Re-score \d+ candidates? onto version \d+$/ });
  const nothing = page.getByText("Nothing to re-score", { exact: false });
  await expect(apply.or(nothing)).toBeVisible();
  if (info.project.use.javaScriptEnabled !== false) {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  }

  await backlog.getByRole("radio", { name: "The consortium's shared candidates" }).check();
  await page.getByRole("button", { name: "Show the preview" }).click();
  await expect(page).toHaveURL(/scope=consortium/);
  await expect(page.getByRole("alert")).toHaveText("You are not allowed to do this.");
});

test("the coordination group previews the consortium's re-score @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("carla@consortium.demo", "/scoring/rescore?scope=consortium");
  await expect(page.getByRole("radio", { name: "The consortium's shared candidates" })).toBeChecked();
  await expect(page.getByRole("heading", { level: 2, name: "Summary" })).toBeVisible();
  await expect(page.getByText("Already on the current version")).toBeVisible();
});
