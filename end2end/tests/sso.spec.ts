import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { LoginPage, SsoAdminPage, TestProvider } from "./pages";

const issuer = `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? 4011)}`;

/** Aarhus' municipality admin points single sign-on at the test provider, then signs out. */
async function configureAarhus(page: Page) {
  await new LoginPage(page).signIn("mads@aarhus.demo");
  const admin = new SsoAdminPage(page);
  await admin.open();
  await expect(page.getByTestId("redirect-url")).toHaveText(/\/auth\/oidc\/callback$/);
  await admin.configure({
    issuer,
    clientId: "autoport",
    clientSecret: "autoport-test-secret",
    groupsClaim: "groups",
    roleMapping: "autoport-coordinators = coordinator",
  });
  await expect(page.getByRole("status").filter({ hasText: "The settings are saved." })).toBeVisible();
  // Write-only: the secret is never sent back.
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  await expect(page.getByText("A secret is stored and is never shown.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

test("an admin sets up single sign-on and a colleague signs in through it @nojs", async ({ page }, info) => {
  await configureAarhus(page);

  const login = `coord-${info.project.name}-${Date.now().toString(36)}`;
  await page.goto("/login");
  await page.getByRole("link", { name: "Sign in with Aarhus Kommune" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/`));
  await new TestProvider(page).signIn(login);

  // Back at Autoport: signed in as a new user of Aarhus, provisioned at this first sign-in.
  await expect(page.getByText("Signed in as")).toBeVisible();
  const whoami = page.locator(".whoami");
  await expect(whoami).toContainText(`${login[0].toUpperCase()}${login.slice(1)} Single`);
  await expect(whoami).toContainText("Aarhus Kommune");
  // The groups claim made them a coordinator, so private candidates of Aarhus are listed.
  await page.goto("/candidates");
  await expect(page.getByRole("link", { name: "Afstemning af bankkonti" })).toBeVisible();
});

test("a tampered answer from the provider is refused with a translated message", async ({ page }) => {
  await configureAarhus(page);
  await page.goto("/lang/da");
  await page.goto("/login");
  await page.getByRole("link", { name: "Log ind med Aarhus Kommune" }).click();
  await expect(page).toHaveURL(new RegExp(`^${issuer}/`));
  // Instead of the provider's answer, one with a forged state and code.
  await page.goto("/auth/oidc/callback?code=forged&state=forged");
  await expect(page).toHaveURL(/\/login\?sso_error=1$/);
  await expect(page.getByRole("alert")).toHaveText(
    "Single sign-on lykkedes ikke. Prøv igen, eller kontakt din kommunes administrator.",
  );
  await expect(page.getByRole("link", { name: "Log ind", exact: true })).toBeVisible();
});

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

test("the single sign-on pages pass automated WCAG 2.1 AA checks, also showing errors", async ({ page }) => {
  await configureAarhus(page);
  await page.goto("/login?sso_error=1");
  await expect(page.getByRole("link", { name: "Sign in with Aarhus Kommune" })).toBeVisible();
  await expectNoViolations(page, "login page with provider links and the failure message");

  await new LoginPage(page).signIn("mads@aarhus.demo");
  const admin = new SsoAdminPage(page);
  await admin.open();
  await expectNoViolations(page, "/admin/sso");
  await admin.configure({ issuer: "http://idp.example.dk", clientId: "autoport", clientSecret: "", roleMapping: "x = root" });
  await expect(page.getByRole("alert")).toBeVisible();
  const issuerField = page.getByLabel("Issuer URL");
  await expect(issuerField).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#issuer-error")).toHaveText(
    "Please enter an https:// address (http:// only for a provider on this machine).",
  );
  await expect(issuerField).toHaveAttribute("aria-describedby", "issuer-hint issuer-error");
  await expectNoViolations(page, "/admin/sso with errors");
});

test("people without the municipality admin role may not configure single sign-on @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  await page.goto("/admin/sso");
  await expect(page.getByRole("alert")).toHaveText("You are not allowed to do this.");
  await expect(page.getByLabel("Issuer URL")).toHaveCount(0);
});

test("a wrong issuer is explained beside its field, also without JavaScript @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("mads@aarhus.demo");
  const admin = new SsoAdminPage(page);
  await admin.open();
  await admin.configure({ issuer: "http://idp.example.dk", clientId: "autoport", clientSecret: "" });
  await expect(page.getByRole("alert")).toHaveText("Please correct the fields marked below.");
  await expect(page.getByLabel("Issuer URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#issuer-error")).toHaveText(
    "Please enter an https:// address (http:// only for a provider on this machine).",
  );
});
