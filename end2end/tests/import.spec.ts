import { expect, test } from "@playwright/test";
import { CandidateSearch, ImportPage, LoginPage } from "./pages";

// Kim is a coordinator of Aarhus; the demo export holds Aarhus' candidates and the shared ones
// of the other municipalities (which the import skips).

test("an export imports back unchanged @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const search = new CandidateSearch(page);
  await search.openWith("");
  const csv = await search.exportCsv();

  const importer = new ImportPage(page);
  await importer.openFromList();
  await importer.upload("candidates.csv", csv);
  // The export's own headers map themselves; columns without a field are not imported.
  await expect(importer.column("Title")).toHaveValue("title");
  await expect(importer.column("ID")).toHaveValue("id");
  await expect(importer.column("Phase")).toHaveValue("ignore");

  await importer.dryRun();
  await expect(page.getByText(/Every row is fine: 0 would be added, 0 changed/)).toBeVisible();
  await expect(importer.rows().getByRole("cell", { name: "Unchanged", exact: true }).first()).toBeVisible();
  await expect(importer.rows().getByRole("cell", { name: "Changed", exact: true })).toHaveCount(0);
  await expect(importer.commitButton()).toBeVisible();

  await importer.commitButton().click();
  await expect(page.getByText(/Imported: 0 added, 0 changed/)).toBeVisible();
});

test("a file with one bad row shows the row and field and cannot be imported @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const importer = new ImportPage(page);
  await importer.openFromList();
  const file =
    "Titel;Beskrivelse;Volumen;Periode;Minutter pr. sag;Eksternt id\n" +
    "Rejseafregning;Tastes fra PDF;12,5;week;15;E2E-1\n" +
    "Påmindelser;Sendes manuelt;mange;month;3;E2E-2\n";
  await importer.upload("bad.csv", file);
  await expect(importer.column("Volumen")).toHaveValue("volume");
  await importer.dryRun();
  await expect(page.getByRole("alert")).toContainText("1 rows have problems");
  const bad = importer.rows().getByRole("row").filter({ has: page.getByRole("rowheader", { name: "3", exact: true }) });
  await expect(bad).toContainText("Error");
  await expect(bad).toContainText("Volumen: Please enter a number");
  await expect(importer.commitButton()).toHaveCount(0);
});

test("a large file shows its progress while it is checked", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const importer = new ImportPage(page);
  await importer.openFromList();
  let file = "External id,Title,Description,Volume,Period,Minutes per case\n";
  for (let i = 0; i < 3000; i++) file += `E2E-BIG-${i},Process ${i},Typed by hand,${(i % 40) + 1},week,5\n`;
  await importer.upload("big.csv", file);
  await importer.dryRun();
  // The background worker checks it; the page polls and shows how far it is.
  await expect(importer.progress()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /of 3,000 rows checked|Waiting to start/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "Refresh to see the progress" })).toBeVisible();
  await expect(page.getByText(/Every row is fine: 3000 would be added/)).toBeVisible({ timeout: 60_000 });
  await expect(importer.commitButton()).toBeVisible();
});
