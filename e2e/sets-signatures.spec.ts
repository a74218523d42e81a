import { emulatorURL } from "../playwright.config";
import { connectEmulatedChannel, expect, expectAccessible, signUp, test, uniqueEmail } from "./helpers";

// Channel sets and signatures end to end: a signature made on its page, a set saved from the
// composer with a channel's setting, the set picked in one click in a new post, the signature
// inserted at the caret, the counters and previews including it (and the automatic one), and the
// post published to the emulator with exactly that text and setting.

type EmuPost = { text: string; extra?: Record<string, unknown> };

test("save a set, pick it in a new post, insert a signature, see it counted, publish", async ({ page }) => {
  test.setTimeout(180_000);
  await signUp(page, "Sets", uniqueEmail("sets"));
  await connectEmulatedChannel(page, "x", "sets_x");
  await connectEmulatedChannel(page, "mastodon", "sets_toots");

  // Two signatures: one to insert by hand, one added automatically to X only.
  await page.goto("/sets");
  const add = page.getByRole("group", { name: "New signature" });
  await add.getByLabel("Signature name").fill("Team");
  await add.getByLabel("Signature text").fill("— The Postmill team");
  await add.getByRole("button", { name: "Add signature" }).click();
  await expect(page.getByTestId("signature-row").filter({ hasText: "Team" })).toContainText("every channel");
  await add.getByLabel("Signature name").fill("Via");
  await add.getByLabel("Signature text").fill("via Postmill");
  await add.getByLabel(/Add automatically/).check();
  await add.getByRole("checkbox", { name: "X", exact: true }).check();
  await add.getByRole("button", { name: "Add signature" }).click();
  await expect(page.getByTestId("signature-row").filter({ hasText: "Via" })).toContainText("automatic");
  // A duplicate name is refused with the field and the rule.
  await add.getByLabel("Signature name").fill("team");
  await add.getByLabel("Signature text").fill("again");
  await add.getByRole("button", { name: "Add signature" }).click();
  await expect(add.getByRole("alert")).toContainText('name: A signature named "team" already exists');
  await expectAccessible(page);

  // Save a set from the composer's selection, with X's "Who can reply".
  await page.goto("/compose");
  await page.locator('[data-testid="channel-choice"][data-provider="x"]').click();
  await page.locator('[data-testid="channel-choice"][data-provider="mastodon"]').click();
  await page.getByRole("tab", { name: /\(X, @sets_x\)/ }).click();
  await page.getByLabel("Who can reply").selectOption({ label: "Accounts you follow" });
  await page.getByRole("button", { name: "Save as set" }).click();
  await page.getByLabel("Set name").fill("Launch");
  await page.getByRole("button", { name: "Save set" }).click();
  await expect(page.getByText('Set "Launch" saved.')).toBeVisible();

  // A new post: nothing picked until the set is, then both channels with the set's setting.
  await page.goto("/compose");
  const channelsOf = (p: string) => page.locator(`[data-testid="channel-choice"][data-provider="${p}"] input`);
  await expect(channelsOf("x")).not.toBeChecked();
  await page.getByRole("button", { name: /^Launch/ }).click();
  await expect(channelsOf("x")).toBeChecked();
  await expect(channelsOf("mastodon")).toBeChecked();
  await page.getByRole("tab", { name: /\(X, @sets_x\)/ }).click();
  await expect(page.getByLabel("Who can reply")).toHaveValue("following");
  await page.getByRole("tab", { name: "All channels" }).click();

  // Write, put the caret after the first line, insert the signature there.
  const text = `Launching sets ${Date.now()}`;
  const box = page.getByLabel("Post", { exact: true });
  await box.fill(`${text}\nSee you soon`);
  await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.indexOf("\n"), el.value.indexOf("\n")));
  await page.getByRole("button", { name: "Insert signature ▾" }).click();
  await page.getByRole("menuitem", { name: /Team/ }).click();
  const written = `${text}\n\n— The Postmill team\nSee you soon`;
  await expect(box).toHaveValue(written);

  // The counters count the signatures: X also gets the automatic one, Mastodon does not.
  const onX = `${written}\n\nvia Postmill`;
  await expect(page.getByTestId("counter").filter({ hasText: "/280" })).toContainText(`${[...onX].length}/280`);
  await expect(page.getByTestId("counter").filter({ hasText: "/500" })).toContainText(`${[...written].length}/500`);
  await expect(page.getByText('Added when saved: "Via" on')).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Previews" })).toContainText("via Postmill");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Post now" }).click();
  await expect(page).toHaveURL(/\/calendar\?post=/);
  const card = page.getByTestId("post").filter({ hasText: text });
  await expect(card.getByTestId("status").first()).toHaveText("Published", { timeout: 30_000 });
  const xPosts = ((await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=x`)).json()).posts as EmuPost[]).filter((p) =>
    p.text.startsWith(text),
  );
  expect(xPosts.map((p) => p.text)).toEqual([onX]);
  expect(xPosts[0]!.extra).toMatchObject({ reply_settings: "following" });
  const toots = JSON.stringify((await (await page.request.get(`${emulatorURL}/_emulator/posts?platform=mastodon`)).json()).posts);
  expect(toots).toContain("The Postmill team");
  expect(toots).not.toContain("via Postmill");
});
