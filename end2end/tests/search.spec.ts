import { expect, test } from "@playwright/test";
import { CandidateSearch, LoginPage } from "./pages";

// The demo data: "Påmindelser om udløbne pas" is Aarhus' public idea; "Afstemning af bankkonti" is
// Aarhus' private one in development, which a coordinator of Aarhus sees.
test("a coordinator searches and filters from the URL and exports the results @nojs", async ({ page }) => {
  await new LoginPage(page).signIn("kim@aarhus.demo");
  const search = new CandidateSearch(page);

  // A shared link: the query is in the URL, and the form shows it back.
  await search.openWith("q=pas&phase=idea&phase=nonsense");
  await expect(search.searchBox()).toHaveValue("pas");
  await expect(search.phase("Idea")).toBeChecked();
  await expect(search.count()).toHaveText("1 candidate");
  await expect(search.result("Påmindelser om udløbne pas")).toBeVisible();
  await expect(search.result("Afstemning af bankkonti")).toHaveCount(0);
  await expect(page.getByText("An unknown phase was left out.")).toBeVisible();

  // Change the filters in the form: the new search lands in the URL.
  await search.searchBox().fill("");
  await search.phase("Idea").uncheck();
  await search.phase("Development").check();
  await search.sortBy("title");
  await search.submit();
  await expect(page).toHaveURL(/[?&]phase=development/);
  await expect(page).toHaveURL(/[?&]sort=title/);
  await expect(search.result("Afstemning af bankkonti")).toBeVisible();
  await expect(search.result("Påmindelser om udløbne pas")).toHaveCount(0);

  // The export holds exactly these results.
  const csv = await search.exportCsv();
  expect(csv.startsWith("\uFEFF")).toBe(true);
  expect(csv).toContain("Afstemning af bankkonti");
  expect(csv).not.toContain("Påmindelser om udløbne pas");
});
