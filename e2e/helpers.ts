import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

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

/** Connects an X account on the emulator's authorize page; returns the channel id. */
export async function connectEmulatedX(page: Page, username: string): Promise<string> {
  await page.goto("/channels");
  await page.getByRole("button", { name: "Connect X" }).click();
  await expect(page.getByRole("heading", { name: "X (emulator)" })).toBeVisible();
  await page.getByLabel("Sign in as").fill(username);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(page).toHaveURL(/\/channels\?connected=/);
  return new URL(page.url()).searchParams.get("connected")!;
}
