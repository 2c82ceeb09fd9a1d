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
