import { expect, test } from "@playwright/test";
import { CandidatePage, hydrated, LoginPage, ReportPage } from "./pages";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test("a coordinator moves a candidate with a reason, the reporter hears of it and reads the history @nojs", async ({
  page,
}, info) => {
  const title = unique(`Moved (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title, description: "Invoices are matched by hand.", volume: "30", minutes: "10" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const url = page.url();

  // The coordinator of Aarhus triages it.
  await page.context().clearCookies();
  await new LoginPage(page).signIn("kim@aarhus.demo", new URL(url).pathname);
  if (info.project.name === "hydrated") await hydrated(page);
  const candidate = new CandidatePage(page);
  await candidate.move("Assessment", "On hold", "");
  await expect(candidate.moveForm().getByText("Please fill this in.")).toBeVisible();
  await expect(candidate.moveForm().getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  await expect(candidate.phaseBadge()).toHaveText("Idea");

  await candidate.move("Assessment", "On hold", "Waiting for the finance system upgrade");
  await expect(candidate.phaseBadge()).toHaveText("Assessment");
  await expect(page.getByText("Waiting for the finance system upgrade")).toBeVisible();
  await expect(page.getByRole("table", { name: "Phases" }).getByRole("row")).toHaveCount(3);

  await candidate.comment("Shall we ask Odense? They run the same system.");
  await expect(page.getByRole("listitem").filter({ hasText: "Shall we ask Odense?" })).toContainText("Kim Vestergaard");

  await page.getByRole("navigation", { name: "Candidate sections" }).getByRole("link", { name: "History", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "History" })).toBeVisible();
  const phaseRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Phase", exact: true }) });
  await expect(phaseRow).toContainText("Kim Vestergaard");
  await expect(phaseRow).toContainText("Idea");
  await expect(phaseRow).toContainText("Assessment");

  // The reporter follows what she reported and hears of both.
  await page.context().clearCookies();
  await new LoginPage(page).signIn("anna@aarhus.demo");
  await page.getByRole("link", { name: /Notifications/ }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const mine = page.getByRole("listitem").filter({ hasText: title });
  await expect(mine.filter({ hasText: "Kim Vestergaard moved it to Assessment" })).toHaveCount(1);
  await expect(mine.filter({ hasText: "Kim Vestergaard commented" })).toHaveCount(1);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
});

test("another municipality reads a shared candidate, comments and follows, but cannot move it @nojs", async ({
  page,
}) => {
  // Demo candidate 1 is Aarhus' and shared with the consortium.
  await new LoginPage(page).signIn("otto@odense.demo", "/candidates/1");
  const candidate = new CandidatePage(page);
  await expect(page.getByRole("heading", { name: "Move this candidate" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "History", exact: true })).toHaveCount(0);
  const follow = page.getByRole("button", { name: /^(Follow|Stop following)$/ });
  if ((await follow.textContent())?.trim() === "Stop following") await follow.click();
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop following" })).toBeVisible();
  const text = unique("We have this in Odense too");
  await candidate.comment(text);
  // Otto's own municipality sees his name; the comment shows where it came from.
  await expect(page.getByRole("listitem").filter({ hasText: text })).toContainText("Odense Kommune");
  const history = await page.request.get("/candidates/1/history");
  expect(history.status()).toBe(403);
});
