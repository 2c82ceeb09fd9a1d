import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages";

// The demo assesses its candidates before development (server/src/demo.rs); kim@aarhus.demo
// coordinates Aarhus, whose backlog holds the first three of them.
test.describe("backlog, decisions and matrix", () => {
  test("a coordinator overrides a rank, records a decision and finds it in the log", async ({ page }) => {
    await new LoginPage(page).signIn("kim@aarhus.demo");
    await page.goto("/backlog");
    await expect(page.getByRole("heading", { level: 1, name: "Backlog" })).toBeVisible();
    const table = page.getByRole("table", { name: "Backlog" });
    const rows = table.getByRole("row");
    // The last ranked row goes to place 1.
    const last = rows.last();
    const title = (await last.getByRole("rowheader").getByRole("link").textContent())?.trim() ?? "";
    await last.getByLabel("Place").fill("1");
    await last.getByLabel("Reason").fill("Council priority");
    await last.getByRole("button", { name: "Set rank" }).click();
    await expect(page.getByRole("status")).toContainText("The manual rank is saved.");
    const first = page.getByRole("table", { name: "Backlog" }).getByRole("row").nth(1);
    await expect(first.getByRole("rowheader")).toContainText(title);
    await expect(first).toContainText("set by hand to place 1");
    await expect(first).toContainText(/computed rank \d+/);
    await expect(first).toContainText("Council priority");

    // A decision on that candidate, then the log.
    await first.getByRole("rowheader").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 2, name: "Decisions" })).toBeVisible();
    await page.getByRole("radio", { name: "Approve" }).check();
    await page.getByLabel("Rationale").fill("Quick to build, large saving");
    await page.getByLabel("Meeting").fill("Coordination group 2026-11-20");
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByText("The decision is recorded.")).toBeVisible();
    await page.goto("/decisions");
    const log = page.getByRole("table", { name: "Decisions" });
    await expect(log.getByRole("row", { name: new RegExp(title) })).toContainText("Quick to build, large saving");
  });

  test("a decision without rationale is refused", async ({ page }) => {
    await new LoginPage(page).signIn("kim@aarhus.demo");
    await page.goto("/backlog");
    await page.getByRole("table", { name: "Backlog" }).getByRole("row").nth(1).getByRole("link").first().click();
    await page.getByRole("radio", { name: "Defer" }).check();
    // Bypass the browser's own check to reach the server's.
    await page.getByLabel("Rationale").evaluate((el) => el.removeAttribute("required"));
    await page.getByRole("button", { name: "Record decision" }).click();
    await expect(page.getByRole("alert")).toBeVisible();
  });

  test("the matrix shows points that link to their candidates", async ({ page }) => {
    await new LoginPage(page).signIn("kim@aarhus.demo");
    await page.goto("/matrix");
    await expect(page.getByRole("heading", { level: 1, name: "Value and feasibility matrix" })).toBeVisible();
    const point = page.locator("svg.matrix a.matrix-point").first();
    const label = (await point.getAttribute("aria-label")) ?? "";
    expect(label).toMatch(/: value \d+, feasibility \d+, utility \d+/);
    await point.focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/candidates\/\d+/);
    await expect(page.getByRole("heading", { level: 1, name: label.split(":")[0] })).toBeVisible();
  });
});
