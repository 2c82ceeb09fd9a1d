import { expect, test, type Page } from "@playwright/test";
import { hydrated, LoginPage, ReportPage } from "./pages";

// Every kind of page, as the person who may see it, hydrates with no console error, no
// uncaught exception and no Content-Security-Policy violation. The suite runs against the
// release build (scripts/test.sh), so a bundle that does not compile, does not hydrate, or is
// blocked by the page's CSP fails here.

/** Records what the page reports as wrong, from before its first script runs. */
async function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  // Runs in every document before its own scripts; the browser fires this event for each
  // blocked script, style, connection or frame.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  return problems;
}

async function visit(page: Page, problems: string[], path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy, `${path}: CSP with a nonce`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{16,}' 'wasm-unsafe-eval'/);
  expect(policy, path).not.toContain("unsafe-inline");
  await hydrated(page);
  expect(problems, path).toEqual([]);
}

const journeys: { who: string | null; paths: string[] }[] = [
  { who: null, paths: ["/", "/login", "/candidates"] },
  {
    who: "anna@aarhus.demo",
    paths: ["/candidates", "/candidates/1", "/candidates/1/history", "/candidates/1/scores", "/candidates/new", "/notifications", "/me/tokens"],
  },
  {
    who: "kim@aarhus.demo",
    paths: [
      "/backlog",
      "/matrix",
      "/decisions",
      "/candidates/1/edit",
      "/candidates/1/assessment",
      "/candidates/import",
      "/scoring",
      "/scoring/versions",
      "/scoring/rescore",
    ],
  },
  { who: "carla@consortium.demo", paths: ["/backlog/consortium", "/scoring/draft"] },
  { who: "mads@aarhus.demo", paths: ["/admin/users", "/admin/departments", "/admin/import", "/admin/contacts?q=holm", "/admin/settings", "/admin/sso"] },
  { who: "admin@consortium.demo", paths: ["/admin/consortium"] },
];

for (const { who, paths } of journeys) {
  test(`pages hydrate with no console error or CSP violation: ${who ?? "signed out"}`, async ({ page }, info) => {
    test.skip(info.project.name !== "hydrated", "hydration needs JavaScript");
    test.slow();
    const problems = await watch(page);
    if (who) await new LoginPage(page).signIn(who);
    for (const path of paths) await visit(page, problems, path);
  });
}

test("a form sent by the hydrated page works under the CSP", async ({ page }, info) => {
  test.skip(info.project.name !== "hydrated", "hydration needs JavaScript");
  const problems = await watch(page);
  await new LoginPage(page).signIn("anna@aarhus.demo");
  const report = new ReportPage(page);
  await report.open();
  await hydrated(page);
  const title = `Release smoke ${Date.now().toString(36)}`;
  await report.fill({ title, description: "Reported through the hydrated form.", volume: "10", minutes: "6" });
  // Computed in the browser by the wasm as the numbers are typed.
  await expect(report.estimate()).toContainText("52");
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(problems).toEqual([]);
});
