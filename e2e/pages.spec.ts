import AxeBuilder from "@axe-core/playwright";
import type { Cookie, Page, TestInfo } from "@playwright/test";
import { emulatorURL } from "../playwright.config";
import { addDays, connectEmulatedChannel, expect, nyDate, nyTen, signUp, test, uniqueEmail } from "./helpers";

// Every main page on a desktop and on a phone, in light and in dark: nothing wider than the
// window (tables scroll inside their own box), no accessibility violation at all (axe, every
// impact), chart labels readable, and a full-page screenshot of each as a test artefact
// (.tmp/playwright-artifacts) to look at. One account with a channel and posts, so pages show
// their lists, tables and charts rather than empty states.

const VIEWPORTS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Ready = (page: Page) => Promise<void>;
type Entry = { name: string; path: string; ready: Ready };

const heading =
  (name: string): Ready =>
  (page) =>
    expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
const charts =
  (name: string): Ready =>
  async (page) => {
    await heading(name)(page);
    await expect(page.locator("figure[data-chart] svg").first()).toBeVisible();
  };

// The calendar's views and the list, at both sizes (a phone opening a bare /calendar gets the day).
const calendarPages: Entry[] = ["week", "month", "day", "list"].map((view) => ({
  name: `calendar-${view}`,
  path: `/calendar?view=${view}`,
  ready: heading("Calendar"),
}));
const appPages = (ids: { channelId: string; targetId: string }): Entry[] => [
  { name: "channels", path: "/channels", ready: heading("Channels") },
  {
    name: "compose",
    path: "/compose",
    // The composer's buttons stick to the bottom of the window: Schedule is in reach without scrolling past the previews.
    ready: async (page) => {
      await heading("Compose")(page);
      await expect(page.getByRole("region", { name: "Schedule" }).getByRole("button", { name: "Schedule", exact: true })).toBeInViewport();
    },
  },
  { name: "compose-import", path: "/compose/import", ready: heading("Import from CSV") },
  { name: "analytics", path: "/analytics", ready: charts("Analytics") },
  { name: "analytics-channel", path: `/analytics/channels/${ids.channelId}`, ready: charts("Channel analytics") },
  { name: "analytics-post", path: `/analytics/posts/${ids.targetId}`, ready: charts("Post analytics") },
  { name: "schedules", path: "/schedules", ready: heading("Schedules") },
  { name: "sets", path: "/sets", ready: heading("Sets & signatures") },
  { name: "feeds", path: "/feeds", ready: heading("Feeds") },
  { name: "settings", path: "/settings", ready: heading("Settings") },
  { name: "settings-api", path: "/settings/api", ready: heading("API") },
  { name: "settings-webhooks", path: "/settings/webhooks", ready: heading("Webhooks") },
];
const signedOutPages: Entry[] = [
  { name: "sign-in", path: "/sign-in", ready: (page) => expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible() },
  { name: "sign-up", path: "/sign-up", ready: (page) => expect(page.getByRole("button", { name: "Create account" })).toBeVisible() },
];

/** Overflow, axe and chart labels of the page as shown now, and its screenshot; soft, so one run lists every problem. */
async function checkPage(page: Page, testInfo: TestInfo, what: string) {
  const widths = await page.evaluate(() => {
    // What sticks out on the right, unless a box that clips or scrolls holds it (an absolutely
    // positioned element may escape one): named in the failure.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const wide = [...document.body.querySelectorAll("*")]
      .filter(
        (el) =>
          el.getBoundingClientRect().right > window.innerWidth + 0.5 && (!clipped(el) || getComputedStyle(el).position === "absolute"),
      )
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scroll: document.documentElement.scrollWidth, window: window.innerWidth, wide };
  });
  expect
    .soft(widths.scroll, `${what}: page width (no sideways scrolling); too wide: ${widths.wide.join(", ")}`)
    .toBeLessThanOrEqual(widths.window);

  const { violations } = await new AxeBuilder({ page }).analyze();
  expect
    .soft(
      violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${what}: axe violations`,
    )
    .toEqual([]);

  // Tick labels drawn at a readable size, whatever the chart's width: the font size times the
  // SVG's scale (its width on screen over its viewBox width), so a scaled-down picture fails.
  const labels = page.locator("figure[data-chart] svg text");
  if ((await labels.count()) > 0) {
    await expect
      .poll(
        () =>
          labels.evaluateAll((els) =>
            Math.min(
              ...els.map((e) => {
                const svg = (e as SVGTextElement).ownerSVGElement!;
                const shown = svg.getBoundingClientRect().width;
                return (parseFloat(getComputedStyle(e).fontSize) * shown) / (svg.viewBox.baseVal?.width || shown);
              }),
            ),
          ),
        { message: `${what}: smallest chart label in px` },
      )
      .toBeGreaterThanOrEqual(11);
  }

  await page.screenshot({ path: testInfo.outputPath(`${what.replace(/\W+/g, "-")}.png`), fullPage: true });
}

/** Visits each page at the viewport and checks it in light, then in dark. */
async function checkPages(page: Page, testInfo: TestInfo, viewport: (typeof VIEWPORTS)[number], pages: Entry[]) {
  await page.setViewportSize({ width: viewport.width, height: viewport.height });
  for (const entry of pages) {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(entry.path);
    await entry.ready(page);
    await checkPage(page, testInfo, `${entry.name} ${viewport.name} light`);
    const lightBackground = await page.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
    await page.emulateMedia({ colorScheme: "dark" });
    // The dark palette applies (else this half would check the light page twice).
    await expect(page.locator("body")).not.toHaveCSS("background-color", lightBackground);
    await checkPage(page, testInfo, `${entry.name} ${viewport.name} dark`);
  }
}

let cookies: Cookie[] = [];
let ids = { channelId: "", targetId: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  // An X account with a past (seeded before it connects, so analytics has days to chart).
  const username = `pages_${Date.now().toString(36)}`;
  const seeded = await page.request.post(`${emulatorURL}/_emulator/history`, { data: { platform: "x", username, days: 40 } });
  expect(seeded.ok()).toBe(true);
  await signUp(page, "Pat Phones", uniqueEmail("pages"));
  const channelId = (await connectEmulatedChannel(page, "x", username))!;

  // One published post (analytics, top posts) and one scheduled with a long unbroken link (lists wrap it).
  const created = await page.request.post("/api/posts", {
    data: { mode: "now", targets: [{ channelId, items: [{ text: "Launch day: our new scheduler is live for every team" }] }] },
  });
  expect(created.ok()).toBe(true);
  const post = (await created.json()).post as { id: string; targets: { id: string }[] };
  const scheduled = await page.request.post("/api/posts", {
    data: {
      mode: "schedule",
      publishAt: nyTen(addDays(nyDate(new Date()), 2)).toISOString(),
      targets: [
        { channelId, items: [{ text: "Read https://example.com/a/very/long/path/that/never/breaks/on/its/own?utm_source=postmill" }] },
      ],
    },
  });
  expect(scheduled.ok()).toBe(true);
  await expect
    .poll(async () => (await (await page.request.get(`/api/posts/${post.id}`)).json()).post.status, { timeout: 30_000 })
    .toBe("published");
  await page.goto("/analytics");
  await page.getByRole("button", { name: "Refresh now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Up to date" })).toBeVisible({ timeout: 60_000 });

  // An API key and a webhook endpoint with a long address, so their tables have rows (added last:
  // the endpoint would be sent the posts' events otherwise; nothing listens there).
  await page.goto("/settings/api");
  await page.getByLabel("Name", { exact: true }).fill("Newsletter importer for the weekly digest");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("api-key-row")).toHaveCount(1);
  await page.goto("/settings/webhooks");
  await page
    .getByLabel("Endpoint URL")
    .fill("http://127.0.0.1:9/hooks/postmill/a-rather-long-receiver-path/that-never-breaks?token=abcdef0123456789");
  await page.getByLabel("Description").fill("Receiver");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByRole("link", { name: "Open the endpoint" })).toBeVisible();

  ids = { channelId, targetId: post.targets[0]!.id };
  cookies = await page.context().cookies();
  await page.context().close();
});

for (const viewport of VIEWPORTS) {
  test(`every page fits a ${viewport.name} (${viewport.width} px) in light and dark, with no axe violation`, async ({ page }, testInfo) => {
    test.setTimeout(300_000);
    await checkPages(page, testInfo, viewport, signedOutPages);
    await page.context().addCookies(cookies);
    await checkPages(page, testInfo, viewport, [...calendarPages, ...appPages(ids)]);
  });
}
