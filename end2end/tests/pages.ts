import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "autoport-demo";

/** Waits until the wasm has taken over the page (only meaningful with JavaScript on). */
export async function hydrated(page: Page) {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

export class LoginPage {
  constructor(private page: Page) {}

  async signIn(email: string, next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
    await this.page.getByLabel("E-mail").fill(email);
    await this.page.getByLabel("Password").fill(DEMO_PASSWORD);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page.getByText("Signed in as")).toBeVisible();
  }
}

export interface Report {
  title: string;
  description: string;
  department?: string;
  volume: string;
  period?: string;
  minutes: string;
  visibility?: string;
}

export class ReportPage {
  constructor(private page: Page) {}

  async open() {
    await this.page.goto("/candidates/new");
    await expect(this.page.getByRole("heading", { level: 1, name: "Report a process" })).toBeVisible();
  }

  async fill(r: Report) {
    await this.page.getByLabel("Title").fill(r.title);
    await this.page.getByLabel("What is the work?").fill(r.description);
    if (r.department) await this.page.getByLabel("Department").selectOption({ label: r.department });
    await this.page.getByRole("textbox", { name: "How many cases?" }).fill(r.volume);
    if (r.period) await this.page.getByLabel("Per", { exact: true }).selectOption(r.period);
    await this.page.getByLabel("Minutes per case").fill(r.minutes);
    if (r.visibility) await this.page.getByRole("radio", { name: r.visibility }).check();
  }

  estimate() {
    return this.page.getByTestId("estimate");
  }

  async submit() {
    await this.page.getByRole("button", { name: "Report process" }).click();
  }
}

export class CandidateList {
  constructor(private page: Page) {}

  async open() {
    await this.page.goto("/candidates");
    await expect(this.page.getByRole("heading", { level: 1, name: "Candidates" })).toBeVisible();
  }

  row(title: string) {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("link", { name: title }) });
  }
}

/** The list's search form, results and export (`/candidates?q=…`). */
export class CandidateSearch {
  constructor(private page: Page) {}

  /** Opens the list with a query string, as a shared link would. */
  async openWith(query: string) {
    await this.page.goto(`/candidates?${query}`);
    await expect(this.page.getByRole("heading", { level: 1, name: "Candidates" })).toBeVisible();
  }

  searchBox() {
    return this.page.getByRole("search").getByRole("searchbox", { name: "Search" });
  }

  phase(name: string) {
    return this.page.getByRole("group", { name: "Phase" }).getByRole("checkbox", { name, exact: true });
  }

  async sortBy(value: string) {
    await this.page.getByLabel("Sort by").selectOption(value);
  }

  async submit() {
    await this.page.getByRole("search").getByRole("button", { name: "Search" }).click();
  }

  /** The announced number of results. */
  count() {
    return this.page.getByRole("status");
  }

  result(title: string) {
    return this.page.getByRole("link", { name: title, exact: true });
  }

  /** Downloads the CSV of the current results and returns its text. */
  async exportCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: "Download these results as CSV" }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString("utf8");
  }
}

/** The signed-in person's own API tokens (`/me/tokens`). */
export class TokensPage {
  constructor(private page: Page) {}

  async open() {
    await this.page.goto("/me/tokens");
    await expect(this.page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  }

  async create(name: string, access: "Read" | "Read and write", days = "") {
    await this.page.getByLabel("Name", { exact: true }).fill(name);
    // The radios' names include their help text: "Read — see what you may see, …".
    await this.page.getByRole("radio", { name: new RegExp(`^${access} —`) }).check();
    await this.page.getByLabel("Expires after (days)").fill(days);
    await this.page.getByRole("button", { name: "Create token" }).click();
  }

  /** The read-only field that shows a new token, once. */
  newToken() {
    return this.page.getByLabel("Your new token");
  }

  row(name: string) {
    return this.page.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
  }

  async revoke(name: string) {
    await this.row(name).getByRole("button", { name: `Revoke ${name}` }).click();
  }
}

export interface SsoSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim?: string;
  roleMapping?: string;
}

/** The municipality admin's single sign-on page. */
export class SsoAdminPage {
  constructor(private page: Page) {}

  async open() {
    await this.page.goto("/admin/sso");
    await expect(this.page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  }

  async configure(s: SsoSettings) {
    await this.page.getByLabel("Issuer URL").fill(s.issuer);
    await this.page.getByLabel("Client ID").fill(s.clientId);
    await this.page.getByLabel("Client secret").fill(s.clientSecret);
    await this.page.getByLabel("Groups claim (optional)").fill(s.groupsClaim ?? "");
    await this.page.getByLabel("Role mapping (optional)").fill(s.roleMapping ?? "");
    await this.page.getByRole("checkbox", { name: /^Enabled/ }).check();
    await this.page.getByRole("button", { name: "Save" }).click();
  }
}

/** The development login and consent pages of the test provider (oidc-provider). */
export class TestProvider {
  constructor(private page: Page) {}

  async signIn(login: string) {
    await this.page.getByPlaceholder("Enter any login").fill(login);
    await this.page.getByPlaceholder("and password").fill("any password");
    await this.page.getByRole("button", { name: "Sign-in" }).click();
    await this.page.getByRole("button", { name: "Continue" }).click();
  }
}

/** A candidate's page: its move form and its comments. */
export class CandidatePage {
  constructor(private page: Page) {}

  moveForm() {
    return this.page.getByRole("region", { name: "Move this candidate" });
  }

  phaseBadge() {
    return this.page.locator(".candidate .meta .badge").first();
  }

  async move(phase: string, status: string, reason: string) {
    const form = this.moveForm();
    await form.getByLabel("Phase").selectOption({ label: phase });
    await form.getByLabel("Status").selectOption({ label: status });
    await form.getByLabel("Reason").fill(reason);
    await form.getByRole("button", { name: "Move" }).click();
  }

  async comment(text: string) {
    await this.page.getByLabel("Your comment").fill(text);
    await this.page.getByRole("button", { name: "Add comment" }).click();
    await expect(this.page.getByText(text)).toBeVisible();
  }
}

/** The CSV import of candidates: upload (`/candidates/import`) and the job page. */
export class ImportPage {
  constructor(private page: Page) {}

  /** From the candidate list, as a coordinator finds it. */
  async openFromList() {
    await this.page.goto("/candidates");
    await this.page.getByRole("link", { name: "Import from CSV" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Import candidates" })).toBeVisible();
  }

  async upload(name: string, text: string) {
    await this.page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
    await this.page.getByRole("button", { name: "Upload and choose columns" }).click();
    await expect(this.page.getByRole("table", { name: "Columns of the file" })).toBeVisible();
  }

  /** The select of one column of the file, labelled by its header. */
  column(header: string) {
    return this.page.getByRole("table", { name: "Columns of the file" }).getByLabel(header, { exact: true });
  }

  async dryRun() {
    await this.page.getByRole("button", { name: "Dry run: check every row" }).click();
  }

  rows() {
    return this.page.getByRole("table", { name: "What each row of the file does" });
  }

  commitButton() {
    return this.page.getByRole("button", { name: "Import all rows" });
  }

  progress() {
    return this.page.locator("progress");
  }
}

/** The scoring model's editor (issue 5): the draft, the criterion form, publishing. */
export class ScoringDraftPage {
  constructor(private page: Page) {}

  async open() {
    await this.page.goto("/scoring/draft");
    await expect(this.page.getByRole("heading", { level: 1, name: "Edit the scoring model" })).toBeVisible();
  }

  /** Starts from the current version: drops a draft an earlier run left behind. */
  async discardLeftovers() {
    const discard = this.page.getByRole("button", { name: "Discard the draft and all unpublished changes" });
    if (await discard.isVisible()) {
      await discard.click();
      await expect(this.page.getByRole("status").filter({ hasText: "The draft is discarded." })).toBeVisible();
    }
  }

  saved() {
    return this.page.getByRole("status").filter({ hasText: "The draft is saved." });
  }

  /** Raises the first criterion's weight by one; returns its label and the old and new weight. */
  async raiseFirstWeight(): Promise<{ label: string; from: string; to: string }> {
    const edit = this.page.getByRole("link", { name: /^Edit: / }).first();
    const label = ((await edit.getAttribute("aria-label")) ?? "").replace(/^Edit: /, "");
    await edit.click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Edit criterion" })).toBeVisible();
    const weight = this.page.getByLabel("Weight (0–100)");
    const from = await weight.inputValue();
    const to = String(Number(from) + 1);
    await weight.fill(to);
    await this.page.getByRole("button", { name: "Save criterion" }).click();
    await expect(this.saved()).toBeVisible();
    return { label, from, to };
  }

  /** Sets the weight of the criterion labelled `label`. */
  async setWeight(label: string, weight: string) {
    await this.page.getByRole("link", { name: `Edit: ${label}`, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "Edit criterion" })).toBeVisible();
    await this.page.getByLabel("Weight (0–100)").fill(weight);
    await this.page.getByRole("button", { name: "Save criterion" }).click();
    await expect(this.saved()).toBeVisible();
  }

  async remove(label: string) {
    await this.page.getByRole("button", { name: `Remove: ${label}`, exact: true }).click();
    await expect(this.saved()).toBeVisible();
    await expect(this.page.getByRole("row", { name: new RegExp(label) })).toHaveCount(0);
  }

  async addYesNo(key: string, label: string) {
    await this.page.getByRole("link", { name: "Add criterion" }).click();
    await expect(this.page.getByRole("heading", { level: 1, name: "New criterion" })).toBeVisible();
    await this.page.getByLabel("Key", { exact: true }).fill(key);
    await this.page.getByRole("group", { name: "Axis" }).getByLabel("Feasibility").check();
    await this.page.getByRole("group", { name: "Type" }).getByLabel("Yes / no").check();
    await this.page.getByLabel("Weight (0–100)").fill("2");
    await this.page.getByRole("group", { name: "Name (English required)" }).getByLabel("English *").fill(label);
    const answers = this.page.getByRole("group", { name: "Yes / no: what each answer means" });
    await answers.getByRole("group", { name: "Yes", exact: true }).getByLabel("English *").fill("Yes, documented");
    await answers.getByRole("group", { name: "No", exact: true }).getByLabel("English *").fill("No");
    await this.page.getByRole("button", { name: "Save criterion" }).click();
    await expect(this.saved()).toBeVisible();
  }

  async publish(note: string) {
    await this.page.getByLabel("What changed and why").fill(note);
    await this.page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "The new version is published." })).toBeVisible();
  }
}

/** The assessment form (`/candidates/:id/assessment`): one group (fieldset) per criterion. */
export class AssessmentForm {
  constructor(private page: Page) {}

  criterion(label: string) {
    return this.page.getByRole("group", { name: new RegExp(`^${label}`) });
  }

  /** A scale (1–5) or yes/no answer: the n-th radio of the criterion's group, from 1. */
  async choose(label: string, n: number) {
    await this.criterion(label).getByRole("radio").nth(n - 1).check();
  }

  async type(label: string, value: string) {
    await this.criterion(label).getByRole("textbox").fill(value);
  }

  async submit() {
    await this.page.getByRole("button", { name: "Save the assessment" }).click();
  }
}
