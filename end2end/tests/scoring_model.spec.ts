import { expect, test } from "@playwright/test";
import { LoginPage, ScoringDraftPage } from "./pages";

// The consortium's coordination group (carla) edits the scoring model: a weight, a new yes/no
// criterion, published with a note; everyone then sees version N and what changed. The model
// is one for the whole server, so keys carry the project and time, and the journey publishes
// the model back as it found it.

test("a consortium coordinator publishes a new version of the scoring model @nojs", async ({ page }, info) => {
  const suffix = `${info.project.name}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const key = `api_${suffix}`;
  const label = `API available ${suffix}`;
  await new LoginPage(page).signIn("carla@consortium.demo");
  await page.getByRole("link", { name: "Scoring model" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Scoring model" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Criteria of the axis Value" })).toBeVisible();

  const draft = new ScoringDraftPage(page);
  await draft.open();
  await draft.discardLeftovers();
  const weight = await draft.raiseFirstWeight();
  await draft.addYesNo(key, label);
  await expect(page.getByRole("row", { name: new RegExp(label) })).toBeVisible();
  await draft.publish(`Weight of ${weight.label} and ${label}`);

  const version = Number(/\/scoring\/versions\/(\d+)/.exec(page.url())?.[1]);
  expect(version).toBeGreaterThan(1);
  await expect(page.getByRole("heading", { level: 1, name: `Scoring model, version ${version}` })).toBeVisible();

  await page.getByRole("link", { name: "All versions and comparisons" }).click();
  await expect(page.getByRole("link", { name: `Version ${version}`, exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: `Weight of ${weight.label} and ${label}` })).toBeVisible();

  await page.getByLabel("From version").selectOption(String(version - 1));
  await page.getByLabel("To version").selectOption(String(version));
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(
    page.getByRole("heading", { name: `Changes from version ${version - 1} to version ${version}` }),
  ).toBeVisible();
  await expect(page.getByText(`Added: ${label}`)).toBeVisible();
  await expect(page.getByText(`weight ${weight.from} → ${weight.to}`)).toBeVisible();

  // The model is the whole server's: publish it back as it was, so that the other journeys
  // (assessments, backlogs) score on the model they expect.
  await draft.open();
  await draft.setWeight(weight.label, weight.from);
  await draft.remove(label);
  await draft.publish(`Back: weight of ${weight.label} and without ${label}`);
});
