import { expect, test, type Page } from "@playwright/test";
import { writeFile } from "node:fs/promises";
import { hydrated, LoginPage, ReportPage } from "./pages";

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

/** A small but real PDF, written where the test keeps its files. */
async function pdfFixture(path: string, text: string) {
  const body = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] >> endobj
% ${text}
trailer << /Root 1 0 R >>
%%EOF
`;
  await writeFile(path, body);
}

/** The attachments section of a candidate's page. */
class Attachments {
  constructor(private page: Page) {}

  section() {
    return this.page.getByRole("region", { name: "Attachments" });
  }

  async upload(path: string, visibility: RegExp) {
    await this.section().getByLabel("File", { exact: true }).setInputFiles(path);
    await this.section().getByRole("radio", { name: visibility }).check();
    await this.section().getByRole("button", { name: "Upload" }).click();
  }

  link(name: string) {
    return this.section().getByRole("link", { name });
  }
}

test("a reporter attaches PDFs, downloads one, and another municipality sees only the shared one @nojs", async ({
  page,
}, info) => {
  const title = unique(`With attachments (${info.project.name})`);
  const internal = info.outputPath("internal-figures.pdf");
  const shared = info.outputPath("process-map.pdf");
  await pdfFixture(internal, "internal figures");
  await pdfFixture(shared, "process map");

  await new LoginPage(page).signIn("anna@aarhus.demo", "/candidates/new");
  const report = new ReportPage(page);
  await report.fill({ title, description: "Forms are retyped by hand.", volume: "20", minutes: "8", visibility: "The consortium" });
  await report.submit();
  await expect(page).toHaveURL(/\/candidates\/\d+$/);
  const path = new URL(page.url()).pathname;
  if (info.project.name === "hydrated") await hydrated(page);

  const attachments = new Attachments(page);
  await attachments.upload(internal, /^Our municipality only/);
  await expect(attachments.section().getByRole("status")).toContainText("internal-figures.pdf");
  await attachments.upload(shared, /^Everyone who may see the candidate/);
  await expect(attachments.section().getByRole("status")).toContainText("process-map.pdf");
  const rows = attachments.section().getByRole("row");
  await expect(rows.filter({ hasText: "internal-figures.pdf" })).toContainText("Our municipality only");
  await expect(rows.filter({ hasText: "process-map.pdf" })).toContainText("Anna Holm");

  // The download is the file as uploaded, under its name.
  const downloading = page.waitForEvent("download");
  await attachments.link("process-map.pdf").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("process-map.pdf");

  // A file that is not on the list is refused with a message beside the field.
  const script = info.outputPath("notes.pdf");
  await writeFile(script, "#!/bin/sh\necho not a pdf\n");
  await attachments.upload(script, /^Our municipality only/);
  await expect(attachments.section().getByRole("alert")).toBeVisible();
  await expect(attachments.section().getByLabel("File", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // Odense sees the shared file only, without Anna's name, and cannot upload.
  await page.context().clearCookies();
  await new LoginPage(page).signIn("otto@odense.demo", path);
  await expect(attachments.link("process-map.pdf")).toBeVisible();
  await expect(attachments.section().getByText("internal-figures.pdf")).toHaveCount(0);
  await expect(attachments.section().getByText("Anna Holm")).toHaveCount(0);
  await expect(attachments.section().getByRole("button", { name: "Upload" })).toHaveCount(0);
});
