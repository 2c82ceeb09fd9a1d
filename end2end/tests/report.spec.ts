import { expect, test } from "@playwright/test";
import { CandidateList, hydrated, LoginPage, ReportPage } from "./pages";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

test("a reporter reports a process and finds it in the list @nojs", async ({ page }, info) => {
  const title = unique(`Travel claims (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await expect(page.getByRole("heading", { level: 1, name: "Report a process" })).toBeVisible();
  await report.fill({
    title,
    description: "Claims arrive as PDF and are typed into the payroll system by hand.",
    department: "Økonomi › Løn og personale",
    volume: "40",
    minutes: "15",
  });
  await report.submit();

  // Lands on the new candidate, with its figures computed on the server.
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByTestId("manual-hours")).toHaveText("520");

  const list = new CandidateList(page);
  await list.open();
  await expect(list.row(title)).toContainText("Aarhus Kommune");
  await expect(list.row(title)).toContainText("Løn og personale");
});

test("a bad number gets a clear message and nothing is saved @nojs", async ({ page }, info) => {
  const title = unique(`Refused (${info.project.name})`);
  await new LoginPage(page).signIn("olga@odense.demo");
  const report = new ReportPage(page);
  await report.open();
  await report.fill({ title, description: "Something done by hand.", volume: "lots", minutes: "5" });
  await report.submit();
  await expect(page.getByText("Please enter a number, e.g. 12 or 12.5.")).toBeVisible();
  await expect(page.getByRole("alert")).toContainText("Please correct the fields marked below.");
  await expect(page.getByRole("textbox", { name: "How many cases?" })).toHaveAttribute("aria-invalid", "true");

  const list = new CandidateList(page);
  await list.open();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
});

test("the live estimate needs the hydrated page", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const report = new ReportPage(page);
  await report.open();
  await hydrated(page);
  await expect(report.estimate()).toHaveText("fill in cases and minutes to see the hours a year.");
  await page.getByRole("textbox", { name: "How many cases?" }).fill("40");
  await page.getByLabel("Minutes per case").fill("15");
  await expect(report.estimate()).toHaveText("≈ 520 hours a year (0.32 full-time equivalents)");
  await page.getByLabel("Per", { exact: true }).selectOption("month");
  await expect(report.estimate()).toHaveText("≈ 120 hours a year (0.07 full-time equivalents)");
});

test("typing a title shows similar candidates the reporter may see", async ({ page }) => {
  await new LoginPage(page).signIn("anna@aarhus.demo");
  const report = new ReportPage(page);
  await report.open();
  await hydrated(page);
  const title = page.getByRole("textbox", { name: "Title" });
  const similar = page.getByTestId("similar");
  // Shared by Odense with the consortium: shown, with its municipality; the word start counts.
  await title.pressSequentially("Registrering af sygemelding");
  await expect(similar.getByRole("link", { name: "Registrering af sygemeldinger fra arbejdsgivere" })).toBeVisible();
  await expect(similar).toContainText("Odense Kommune");
  // Aarhus's own is shown; Odense's municipality-only one with the same word is not.
  await title.fill("");
  await title.pressSequentially("Påmindelser");
  await expect(similar.getByRole("link", { name: "Påmindelser om udløbne pas" })).toBeVisible();
  await expect(similar.getByRole("link", { name: "Tidsbestilling og påmindelser" })).toHaveCount(0);
  await expect(similar.getByRole("link").first()).toHaveAttribute("target", "_blank");
});

test("what was typed survives a reload in the same tab, until it is sent or discarded", async ({ page }, info) => {
  const title = unique(`Draft (${info.project.name})`);
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const report = new ReportPage(page);
  await report.open();
  await hydrated(page);
  await report.fill({ title, description: "Typed before the coffee break.", volume: "12", minutes: "5" });
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("status").filter({ hasText: "Your unfinished report was restored" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(title);
  await expect(page.getByRole("textbox", { name: "How many cases?" })).toHaveValue("12");
  await expect(report.estimate()).not.toHaveText("fill in cases and minutes to see the hours a year.");

  await page.getByRole("button", { name: "Start over" }).click();
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("");
  await page.reload();
  await hydrated(page);
  await expect(page.getByText("Your unfinished report was restored")).toHaveCount(0);

  // Sent: nothing is kept for the next report.
  await report.fill({ title, description: "Typed again.", volume: "12", minutes: "5" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  await report.open();
  await hydrated(page);
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue("");
});

test("anonymous visitors see only public candidates and are asked to sign in @nojs", async ({ page }) => {
  const list = new CandidateList(page);
  await list.open();
  await expect(page.getByRole("link", { name: "Påmindelser om udløbne pas" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Registrering af sygemeldinger fra arbejdsgivere" })).toHaveCount(0);

  await page.goto("/candidates/new");
  await expect(page.getByText("Please sign in to see this page.")).toBeVisible();
  await page.getByRole("link", { name: "Sign in" }).last().click();
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("wrong passwords are refused without saying why @nojs", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill("anna@aarhus.demo");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The e-mail address or password is not correct.");
});

test("the language can be switched to Danish @nojs", async ({ page }) => {
  await page.goto("/candidates");
  await page.getByRole("link", { name: "Dansk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kandidater" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "da");
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Candidates" })).toBeVisible();
});
