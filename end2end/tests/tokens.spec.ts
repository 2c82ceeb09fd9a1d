import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { LoginPage, TokensPage } from "./pages";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

/** Signing in while signed in would let the old session answer first; sign out, then in. */
async function switchUser(page: Page, email: string) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await new LoginPage(page).signIn(email);
}

const report = {
  title: "Robot run statistics",
  description: "Pushed by a script with a token.",
  volume: 10,
  period: "week",
  minutes_per_case: 5,
};

test("a person creates a token, sees it once, uses it and revokes it @nojs", async ({ page, request }, info) => {
  const name = unique(`Robot stats (${info.project.name})`);
  await new LoginPage(page).signIn("anna@aarhus.demo");
  const tokens = new TokensPage(page);
  await tokens.open();
  await tokens.create(name, "Read", "30");

  // Shown once, with the hint to copy it; the list knows it by its first characters.
  await expect(page.getByRole("status").filter({ hasText: `Token “${name}” created` })).toBeVisible();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const token = await tokens.newToken().inputValue();
  expect(token).toMatch(/^apt_[A-Za-z0-9_-]{43}$/);
  await expect(tokens.row(name)).toContainText(token.slice(0, 10));
  await expect(tokens.row(name)).toContainText("Active");
  await expect(tokens.row(name)).toContainText("never");

  await page.reload();
  await expect(tokens.newToken()).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(tokens.row(name)).toContainText(token.slice(0, 10));

  // It opens the API as Anna, without any cookie, and only for reading.
  const auth = { Authorization: `Bearer ${token}` };
  const me = await request.get("/api/v1/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ display_name: "Anna Holm", municipality: "Aarhus Kommune", roles: ["reporter"] });
  const write = await request.post("/api/v1/candidates", { headers: auth, data: report });
  expect(write.status()).toBe(403);
  expect(await write.json()).toEqual({ error: "insufficient_scope", fields: [] });

  // The use shows as "last used" (the expiry is a date, so no "never" is left).
  await page.reload();
  await expect(tokens.row(name)).not.toContainText("never");

  await tokens.revoke(name);
  await expect(page.getByRole("status").filter({ hasText: "The token is revoked." })).toBeVisible();
  await expect(tokens.row(name)).toContainText("Revoked");
  await expect(tokens.row(name).getByRole("button")).toHaveCount(0);
  const after = await request.get("/api/v1/me", { headers: auth });
  expect(after.status()).toBe(401);
  expect(after.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

test("a write token reports a process that colleagues then find in the list", async ({ page, request }) => {
  const name = unique("UiPath");
  const title = unique("Reported through the API");
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const tokens = new TokensPage(page);
  await tokens.open();
  await tokens.create(name, "Read and write");
  const token = await tokens.newToken().inputValue();

  const created = await request.post("/api/v1/candidates", {
    headers: { Authorization: `Bearer ${token}` },
    data: { ...report, title },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(created.headers()["location"]).toBe(`/api/v1/candidates/${body.id}`);
  expect(body).toMatchObject({ title, reporter: { kind: "named", name: "Kim Vestergaard" }, municipality: "Aarhus Kommune" });

  await switchUser(page, "anna@aarhus.demo");
  await page.goto("/candidates");
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test("nobody sees another person's tokens, and the page asks strangers to sign in @nojs", async ({ page }) => {
  const name = unique("Private to Anna");
  await new LoginPage(page).signIn("anna@aarhus.demo");
  const tokens = new TokensPage(page);
  await tokens.open();
  await tokens.create(name, "Read");
  await expect(tokens.newToken()).toBeVisible();

  // Not even the municipality admin.
  await switchUser(page, "mads@aarhus.demo");
  await tokens.open();
  await expect(tokens.row(name)).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await page.goto("/me/tokens");
  await expect(page.getByText("Please sign in")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveCount(0);
});

test("a wrong expiry is explained beside its field and creates nothing @nojs", async ({ page }) => {
  const name = unique("Refused");
  await new LoginPage(page).signIn("olga@odense.demo");
  const tokens = new TokensPage(page);
  await tokens.open();
  await tokens.create(name, "Read", "ten");
  await expect(page.getByRole("alert")).toHaveText("Please correct the fields marked below.");
  const expiry = page.getByLabel("Expires after (days)");
  await expect(expiry).toHaveAttribute("aria-invalid", "true");
  await expect(expiry).toHaveAttribute("aria-describedby", "expires_in_days-hint expires_in_days-error");
  await expect(page.locator("#expires_in_days-error")).toHaveText("Please enter a number from 1 to 365.");
  await expect(tokens.newToken()).toHaveCount(0);
  await expect(tokens.row(name)).toHaveCount(0);
});

async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.passes.length, `${what}: axe ran its checks`).toBeGreaterThan(0);
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, what).toEqual([]);
}

test("the token page passes automated WCAG 2.1 AA checks, empty, with a new token and with errors", async ({ page }) => {
  await page.goto("/me/tokens");
  await expectNoViolations(page, "/me/tokens signed out");
  await new LoginPage(page).signIn("sara@syddjurs.demo");
  const tokens = new TokensPage(page);
  await tokens.open();
  await expectNoViolations(page, "/me/tokens");

  await tokens.create(unique("Checked by axe"), "Read and write", "7");
  await expect(tokens.newToken()).toBeVisible();
  await expectNoViolations(page, "/me/tokens with a new token and the list");

  await tokens.create(unique("Refused by axe"), "Read", "0");
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoViolations(page, "/me/tokens with errors");

  for (const lang of ["da", "de", "sv"]) {
    await page.goto(`/lang/${lang}`);
    await page.goto("/me/tokens");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectNoViolations(page, `/me/tokens in ${lang}`);
  }
  await page.goto("/lang/en");
});
