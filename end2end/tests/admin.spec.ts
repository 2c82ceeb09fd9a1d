import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, LoginPage, ReportPage } from "./pages";

// Aarhus' municipality admin (mads) manages departments and people. Names carry the project
// and time, because both projects share one server and one database.

async function expectNoViolations(page: Page, what: string) {
  // axe runs as a script in the page: only where JavaScript is on.
  if (test.info().project.use.javaScriptEnabled === false) return;
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

function unique(project: string) {
  return `${project}-${Date.now().toString(36)}`;
}

test("an admin adds a department and a coordinator limited to it, then erases the person @nojs", async ({ page }, info) => {
  const suffix = unique(info.project.name);
  await new LoginPage(page).signIn("mads@aarhus.demo");
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Departments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Departments" })).toBeVisible();
  const team = `Team ${suffix}`;
  await page.getByLabel("Name", { exact: true }).fill(team);
  await page.getByLabel("Placed below").selectOption({ label: "\u2014 Ydelsesservice" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("link", { name: team })).toBeVisible();

  // The same name beside it again: refused at the field, nothing added.
  await page.getByLabel("Name", { exact: true }).fill(team.toUpperCase());
  await page.getByLabel("Placed below").selectOption({ label: "\u2014 Ydelsesservice" });
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByText("This is already in use.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.goto("/admin/users");
  const email = `coordinator-${suffix}@aarhus.demo`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(`Coordinator ${suffix}`);
  await page.getByRole("checkbox", { name: "Coordinator", exact: true }).check();
  await page.getByRole("checkbox", { name: team }).check();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The person is added." })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: team })).toBeChecked();

  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Coordinator");
  await expect(row).toContainText(team);
  await row.getByRole("link").click();

  await page.getByRole("checkbox", { name: /^I want to erase/ }).check();
  await page.getByRole("button", { name: "Erase", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "The person is erased" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toHaveCount(0);
});

test("a CSV of people is checked, refused for one bad row, then imported @nojs", async ({ page }, info) => {
  const suffix = unique(info.project.name);
  await new LoginPage(page).signIn("mads@aarhus.demo");
  await page.goto("/admin/import");
  await page.getByRole("radio", { name: "People" }).check();
  const good = `e-mail;navn;roller;afdelinger\nfirst-${suffix}@aarhus.demo;First ${suffix};coordinator;Økonomi > Løn og personale`;
  await page.getByLabel("CSV content").fill(`${good}\nnot-an-address;Broken;reporter;\n`);
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("alert")).toHaveText("Nothing was written: correct the rows below and try again.");
  const bad = page.getByRole("row").filter({ hasText: "not-an-address" });
  await expect(bad).toContainText("e-mail: Please enter an e-mail address like name@example.org.");
  await expect(bad.getByRole("cell").first()).toHaveText("3");
  await expectNoViolations(page, "import report with errors");

  await page.getByRole("radio", { name: "People" }).check();
  await page.getByLabel("CSV content").fill(`${good}\nsecond-${suffix}@aarhus.demo;Second ${suffix};;\n`);
  await page.getByRole("button", { name: "Check only" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 would be added" })).toBeVisible();
  await page.getByRole("radio", { name: "People" }).check();
  await page.getByLabel("CSV content").fill(`${good}\nsecond-${suffix}@aarhus.demo;Second ${suffix};;\n`);
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported: 2 added, 0 changed." })).toBeVisible();

  await page.goto("/admin/users");
  const first = page.getByRole("row").filter({ hasText: `first-${suffix}@aarhus.demo` });
  await expect(first).toContainText("Løn og personale");
});

test("admin pages pass automated WCAG 2.1 AA checks, in English and Danish", async ({ page }) => {
  await new LoginPage(page).signIn("mads@aarhus.demo");
  for (const lang of ["en", "da"]) {
    await page.goto(`/lang/${lang}`);
    for (const path of ["/admin/users", "/admin/departments", "/admin/import"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expectNoViolations(page, `${path} in ${lang}`);
    }
    await page.goto("/admin/users");
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.locator("h1")).toBeVisible();
    await expectNoViolations(page, `a person's page in ${lang}`);
  }
});

test("people without the admin role are refused the admin pages", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/admin/users", "/admin/departments", "/admin/import"]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(403);
    await expect(page.getByRole("alert")).toBeVisible();
  }
});

test("the consortium admin adds a member municipality and gives a consortium role @nojs", async ({ page }, info) => {
  const suffix = unique(info.project.name);
  await new LoginPage(page).signIn("admin@consortium.demo");
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Consortium" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link")).toHaveText(["Consortium"]);

  await page.getByLabel("Municipality", { exact: true }).fill(`Kommune ${suffix}`);
  await page.getByLabel("Code").fill(suffix.slice(-12));
  await page.getByLabel("Name", { exact: true }).fill(`First Admin ${suffix}`);
  await page.getByLabel("E-mail").first().fill(`first-${suffix}@new.demo`);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("Please use at least 12 characters.")).toBeVisible();

  await page.getByLabel("Municipality", { exact: true }).fill(`Kommune ${suffix}`);
  await page.getByLabel("Code").fill(suffix.slice(-12));
  await page.getByLabel("Name", { exact: true }).fill(`First Admin ${suffix}`);
  await page.getByLabel("E-mail").first().fill(`first-${suffix}@new.demo`);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `Kommune ${suffix}` })).toBeVisible();

  await page.locator("#grant_email").fill(`first-${suffix}@new.demo`);
  await page.getByRole("combobox", { name: "Roles" }).selectOption("consortium_coordinator");
  await page.getByRole("button", { name: "Give the role" }).click();
  await expect(page.getByRole("row").filter({ hasText: `First Admin ${suffix}` })).toContainText("Consortium coordinator");
  await expectNoViolations(page, "/admin/consortium");

  // The new admin signs in with the password and manages their municipality.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(`first-${suffix}@new.demo`);
  await page.getByLabel("Password").fill("a long enough passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  await expect(page.getByText(`Kommune ${suffix}`).first()).toBeVisible();
});

test("an admin erases a contact person on request; a coordinator may not @nojs", async ({ page }, info) => {
  const suffix = unique(info.project.name);
  const contact = `Karen ${suffix}`;
  // Anna reports a candidate and names a contact person who has no account.
  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title: `Contact ${suffix}`, description: "Names a contact.", volume: "3", minutes: "10" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const url = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Edit the record" }).click();
  if (info.project.name === "hydrated") await hydrated(page);
  await page.getByLabel("Contact person").fill(contact);
  await page.getByLabel("Contact e-mail").fill(`karen-${suffix}@example.org`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(new RegExp(`${url}$`));

  // A coordinator is no admin: the page refuses them (other municipalities' admins are refused
  // in the Rust tests; the demo has none).
  await page.context().clearCookies();
  await new LoginPage(page).signIn("kim@aarhus.demo", "/");
  expect((await page.request.get(`/admin/contacts?q=${encodeURIComponent(contact)}`)).status()).toBe(403);

  await page.context().clearCookies();
  await new LoginPage(page).signIn("mads@aarhus.demo", "/admin/users");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Contact persons" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Erase a contact person" })).toBeVisible();
  if (info.project.name === "hydrated") await hydrated(page);
  // Keyboard only: type the name, Enter searches.
  await page.getByLabel("Name, e-mail or phone").fill(contact);
  await page.getByLabel("Name, e-mail or phone").press("Enter");
  const row = page.getByRole("row").filter({ hasText: contact });
  await expect(row).toContainText(`karen-${suffix}@example.org`);
  await expectNoViolations(page, "contact persons, found");
  await page.getByRole("checkbox", { name: `Erase the contact person of “Contact ${suffix}”` }).press("Space");
  await page.getByRole("checkbox", { name: /^I want to erase the contact details/ }).press("Space");
  await page.getByRole("button", { name: "Erase the contact details" }).press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "The contact details of 1 candidate are erased." })).toBeVisible();

  await page.getByLabel("Name, e-mail or phone").fill(contact);
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByText("No candidate of your municipality names such a contact person.")).toBeVisible();
  await page.goto(`${url}/history`);
  await expect(page.getByText(contact)).toHaveCount(0);
});
