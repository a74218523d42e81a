import { type Page } from "@playwright/test";
import { connectEmulatedChannel, expect, pickChannel, signUp, test, uniqueEmail } from "./helpers";
import { solidPng } from "./png";

// Issue 23: a half-written post survives a reload, a wrong click in the sidebar and Back. The
// composer keeps a copy on the device, saves a new post as one draft on the server, warns before
// leaving with changes saved nowhere, and never turns a scheduled post into a draft.

type PostJson = { id: string; status: string; targets: { channel: { provider: string }; items: { text: string; media: unknown[] }[] }[] };
const postOf = async (page: Page, id: string) => ((await (await page.request.get(`/api/posts/${id}`)).json()) as { post: PostJson }).post;
const textBox = (page: Page) => page.getByLabel("Post", { exact: true });
const status = (page: Page) => page.getByTestId("autosave-status");

test("autosave: reload restores text, channels and image from one server draft; leaving warns until saved; Back returns to the draft; a scheduled post stays scheduled", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signUp(page, "Drafter", uniqueEmail("autosave"));
  await connectEmulatedChannel(page, "x", "autosave_x");
  await connectEmulatedChannel(page, "bluesky", "autosave");

  // Write, pick two channels, attach an image: the composer makes one draft and its address names it.
  await page.goto("/compose");
  await pickChannel(page, "x");
  await pickChannel(page, "bluesky");
  await textBox(page).fill("Spring launch: first notes");
  await page
    .getByLabel(/Choose files/)
    .first()
    .setInputFiles({ name: "spring.png", mimeType: "image/png", buffer: solidPng(600, 400) });
  await expect(page.getByTestId("channel-preview").first().getByTestId("preview-image")).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(/\/compose\?post=/, { timeout: 30_000 });
  const postId = new URL(page.url()).searchParams.get("post")!;
  await expect
    .poll(async () => (await postOf(page, postId)).targets.map((t) => t.items[0]!.media.length), { timeout: 30_000 })
    .toEqual([1, 1]);
  await expect(status(page)).toContainText("Saved as draft");

  // More text, then a reload at once: the browser asks first, and everything comes back.
  await textBox(page).fill("Spring launch: second draft of the notes");
  const unload = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.type());
      void d.accept();
    }),
  );
  await page.reload();
  expect(await unload).toBe("beforeunload");
  await expect(textBox(page)).toHaveValue("Spring launch: second draft of the notes");
  for (const p of ["x", "bluesky"]) await expect(page.locator(`[data-testid="channel-choice"][data-provider="${p}"] input`)).toBeChecked();
  await expect(page.getByTestId("channel-preview").first().getByTestId("preview-image")).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`post=${postId}`));
  await expect
    .poll(async () => (await postOf(page, postId)).targets.map((t) => t.items[0]!.text), { timeout: 30_000 })
    .toEqual(["Spring launch: second draft of the notes", "Spring launch: second draft of the notes"]);

  // A change not yet saved: the sidebar link asks, and dismissing keeps the composer open.
  await textBox(page).fill("Spring launch: final words");
  const ask = new Promise<string>((resolve) =>
    page.once("dialog", (d) => {
      resolve(d.message());
      void d.dismiss();
    }),
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  expect(await ask).toContain("not saved");
  await expect(page).toHaveURL(/\/compose\?post=/);
  await expect(textBox(page)).toHaveValue("Spring launch: final words");

  // Once the draft is saved, the same link goes through with no question.
  await expect
    .poll(async () => (await postOf(page, postId)).targets[0]!.items[0]!.text, { timeout: 30_000 })
    .toBe("Spring launch: final words");
  await expect(status(page)).toHaveAttribute("data-unsaved", "false");
  await expect(status(page)).toContainText("Saved as draft");
  const dialogs: string[] = [];
  const record = (d: { message: () => string; dismiss: () => Promise<void> }) => {
    dialogs.push(d.message());
    void d.dismiss();
  };
  page.on("dialog", record);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page).toHaveURL(/\/calendar/);

  // Back: the draft, with its text, channels and image.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/compose\\?post=${postId}`));
  await expect(textBox(page)).toHaveValue("Spring launch: final words");
  await expect(page.locator('[data-testid="channel-choice"][data-provider="bluesky"] input')).toBeChecked();
  await expect(page.getByTestId("channel-preview").first().getByTestId("preview-image")).toBeVisible();
  expect(dialogs).toEqual([]);
  page.off("dialog", record);

  // Scheduling uses that same draft (no second post), and the device copy is cleared.
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(new RegExp(`/calendar\\?post=${postId}`));
  expect((await postOf(page, postId)).status).toBe("scheduled");
  const { posts } = (await (
    await page.request.get(
      `/api/posts?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 5 * 86_400_000).toISOString()}&drafts=1`,
    )
  ).json()) as { posts: { id: string }[] };
  expect(posts.map((p) => p.id)).toEqual([postId]);

  // Editing the scheduled post: changes stay on the device, are offered back after a reload, and
  // the post on the server stays scheduled with its text.
  await page.goto(`/compose?post=${postId}`);
  await textBox(page).fill("Spring launch: an edit not saved");
  await expect(status(page)).toContainText("on this device");
  page.once("dialog", (d) => void d.accept());
  await page.reload();
  await expect(textBox(page)).toHaveValue("Spring launch: final words");
  await page.getByRole("button", { name: "Restore unsaved changes" }).click();
  await expect(textBox(page)).toHaveValue("Spring launch: an edit not saved");
  const after = await postOf(page, postId);
  expect(after.status).toBe("scheduled");
  expect(after.targets[0]!.items[0]!.text).toBe("Spring launch: final words");
});
