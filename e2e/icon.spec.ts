import { expect, test } from "./helpers";

// The app's icon: browsers ask for /favicon.ico on every site before any page says otherwise, and
// every page names the SVG mark (app/icon.svg) and the touch icon, with no session needed.

test("/favicon.ico and the icons the sign-in page links to answer with images", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  // An ICO file starts with reserved 0, type 1 (icon).
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);

  await page.goto("/sign-in");
  const links = await page
    .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
    .evaluateAll((els) => els.map((e) => (e as HTMLLinkElement).href));
  expect(links.length).toBeGreaterThanOrEqual(2);
  for (const href of links) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()["content-type"], href).toMatch(/^image\//);
  }
});
