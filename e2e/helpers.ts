import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import type { ConformanceRecipe } from "../emulator/kit/recipe";
import { emulatorURL } from "../playwright.config";
import { manifestOf } from "../providers/manifests";

export { expect };

/**
 * Playwright's `test`, failing any test during which a page broke the Content-Security-Policy:
 * Chromium reports each violation on the console ("... violates the following Content Security
 * Policy directive ..."), and a listener for securitypolicyviolation events reports it again with
 * the directive. Watches the test's context and every context the test opens itself.
 */
export const test = base.extend<{ cspGuard: void }>({
  cspGuard: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watchPage = (page: Page) =>
        page.on("console", (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
        });
      const watch = async (ctx: BrowserContext) => {
        ctx.pages().forEach(watchPage);
        ctx.on("page", watchPage);
        await ctx.addInitScript(() =>
          document.addEventListener("securitypolicyviolation", (e) =>
            console.error(
              `Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} (${e.sourceFile}:${e.lineNumber})`,
            ),
          ),
        );
      };
      await watch(context);
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const ctx = await newContext.apply(browser, args);
        await watch(ctx);
        return ctx;
      };
      await use();
      browser.newContext = newContext;
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export const PASSWORD = "correct horse battery";
export const uniqueEmail = (tag: string) => `${tag}-${randomBytes(4).toString("hex")}@example.test`;

export async function signUp(page: Page, name: string, email: string, path = "/sign-up") {
  await page.goto(path);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/calendar$/);
}

export async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/calendar$/);
}

/** No serious or critical accessibility violations on the current page. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Signs in as `username` on the emulator's authorize page of `platform` and approves. */
export async function approveOnEmulator(page: Page, platform: string | RegExp, username: string) {
  await expect(page.getByRole("heading", { name: typeof platform === "string" ? `${platform} (emulator)` : platform })).toBeVisible();
  await page.getByLabel("Sign in as").fill(username);
  await page.getByRole("button", { name: "Approve" }).click();
}

/** The Channels page with the platform list open (it starts closed once a channel exists). */
export async function openAddChannel(page: Page) {
  await page.goto("/channels");
  const add = page.getByRole("button", { name: "Add channel" });
  if (await add.isVisible()) await add.click();
}

/**
 * Connects `username`'s emulated account on `provider` from the Channels page, the way the
 * platform's manifest says users connect (sign-in page, form, server first, page pick); what a user
 * types or names comes from its recipe (emulator/platforms/<id>/recipe.ts). Returns the channel id
 * when the app redirects with it (OAuth), else undefined once the channel's row shows.
 */
export async function connectEmulatedChannel(page: Page, provider: string, username: string): Promise<string | undefined> {
  const m = manifestOf(provider);
  if (!m) throw new Error(`${provider}: no manifest in providers/manifests.ts`);
  const recipe = ((await import(`../emulator/platforms/${provider}/recipe.ts`)) as { default: ConformanceRecipe }).default;
  const base = `${emulatorURL}/${provider}`;
  const auth = m.auth;
  await openAddChannel(page);
  await page.getByRole("button", { name: `Connect ${m.name}`, exact: true }).click();
  if (auth.kind === "bot" && auth.link) {
    // A bot linked by code: the page shows the command; a person sends it in a chat (the recipe does what they would).
    const command = page.getByTestId("link-command");
    await expect(command).toBeVisible();
    await recipe.link!(base, (await command.textContent())!.trim(), username);
    await expect(page.getByText(/^Connected .+\.$/)).toBeVisible({ timeout: 20_000 });
    return undefined;
  }
  if (auth.kind === "fields" || auth.kind === "bot") {
    const values = recipe.fields!(base, username);
    const form = page.getByRole("form", { name: `Connect ${m.name}` });
    for (const f of auth.fields) if (values[f.key] !== undefined) await form.getByLabel(f.label, { exact: true }).fill(values[f.key]!);
    await form.getByRole("button", { name: `Connect ${m.name}` }).click();
    // The page says which: connected, or (an account with several pages or blogs, such as Hashnode) pick one now.
    const done = page.getByText(/^Connected .+\.$|^Signed in\. Now pick the page/);
    await expect(done).toBeVisible();
    if ((await done.textContent())?.startsWith("Signed in")) await pickFirstPage(page);
    return undefined;
  }
  if (auth.kind === "instance-oauth") {
    await page.getByLabel(auth.instanceField.label).fill(recipe.instance!(base));
    await page.getByRole("button", { name: "Continue to sign in" }).click();
  }
  // The emulator's sign-in page names the platform as the platform does (LinkedIn Page signs in on LinkedIn).
  await approveOnEmulator(page, / \(emulator\)$/, username);
  if (auth.kind === "oauth2-pick") {
    await expect(page).toHaveURL(/\/channels\?pick=/);
    await pickFirstPage(page);
    return undefined;
  }
  await expect(page).toHaveURL(/\/channels\?connected=/);
  return new URL(page.url()).searchParams.get("connected")!;
}

/** Picks the first page (company, blog) a pending channel offers. */
async function pickFirstPage(page: Page) {
  const picker = page.getByRole("group", { name: /Pick a page/ });
  await picker.getByRole("radio").first().check();
  await picker.getByRole("button", { name: "Use this page" }).click();
  await expect(picker).toHaveCount(0);
}

// Dates as a user in New York sees them (the browser's zone in these tests).
const NY = "America/New_York";
export function nyDate(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: NY, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}`;
}
export const addDays = (d: string, n: number) =>
  new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10) + n)).toISOString().slice(0, 10);
/** 10:00 on that New York date, as an instant (EST or EDT, whichever applies). */
export function nyTen(date: string): Date {
  for (const offset of [4, 5]) {
    const t = new Date(`${date}T${String(10 + offset).padStart(2, "0")}:00:00Z`);
    if (new Intl.DateTimeFormat("en-US", { timeZone: NY, hour: "2-digit", hourCycle: "h23" }).format(t) === "10") return t;
  }
  throw new Error("no 10:00");
}

/** Picks the channel of a platform in the composer (unless it is picked already). */
export async function pickChannel(page: Page, provider: string) {
  const choice = page.locator(`[data-testid="channel-choice"][data-provider="${provider}"]`);
  if (!(await choice.locator("input").isChecked())) await choice.click();
  await expect(choice.locator("input")).toBeChecked();
}
