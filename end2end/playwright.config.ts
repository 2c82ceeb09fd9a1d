import { defineConfig } from "@playwright/test";

// Journeys run twice: hydrated (JavaScript on) and, for the tests tagged @nojs, as plain
// HTML with JavaScript off. The server is started by webServer on a fresh SQLite database,
// beside a test OpenID provider for the single sign-on journeys.
const port = Number(process.env.E2E_PORT ?? 3100);
// The test OpenID provider (oidc-provider, see oidc/provider.mjs); sso.spec.ts reads the same variable.
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 4011);

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "en-GB",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", grep: /@nojs/, use: { javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: "bash ./serve.sh",
      url: `http://127.0.0.1:${port}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
      env: { E2E_PORT: String(port) },
    },
    {
      command: "node oidc/provider.mjs",
      url: `http://127.0.0.1:${oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "ignore",
      env: {
        OIDC_PORT: String(oidcPort),
        OIDC_REDIRECT_URIS: `http://127.0.0.1:${port}/auth/oidc/callback`,
      },
    },
  ],
});
