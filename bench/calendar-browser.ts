import { chromium, type Browser } from "@playwright/test";
import { startApp } from "./http";
import { percentile } from "./support";

// The calendar as the user meets it: the app started with `npm start` on the bench's database,
// a signed-in Chromium, /api/calendar timed over HTTP (session, routing, query and JSON), and the
// month view timed from navigation to the posts drawn in the page.

type Figures = {
  http_p50_ms: number;
  http_p95_ms: number;
  render_p50_ms: number;
  render_p95_ms: number;
  render_max_ms: number;
  month_chips: number;
};

export async function measureInBrowser(opts: {
  databaseUrl: string;
  email: string;
  password: string;
  month: { from: Date; to: Date };
  date: string;
}): Promise<Figures> {
  const app = await startApp(opts.databaseUrl, "BENCH_APP_PORT");
  // The app is stopped on every path, also when Chromium cannot start.
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    });
    const page = await (await browser.newContext({ baseURL: app.base, timezoneId: "UTC" })).newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(opts.email);
    await page.getByLabel("Password").fill(opts.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/calendar/);

    const q = new URLSearchParams({ from: opts.month.from.toISOString(), to: opts.month.to.toISOString() });
    const http: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const res = await page.request.get(`/api/calendar?${q}`);
      await res.body();
      if (!res.ok()) throw new Error(`/api/calendar answered ${res.status()}`);
      if (i >= 10) http.push(performance.now() - t);
    }

    const render: number[] = [];
    let chips = 0;
    for (let i = 0; i < 12; i++) {
      const t = performance.now();
      await page.goto(`/calendar?view=month&date=${opts.date}`);
      await page.getByTestId("calendar-post").first().waitFor({ state: "visible" });
      if (i >= 2) render.push(performance.now() - t);
      chips = await page.getByTestId("calendar-post").count();
    }
    http.sort((a, b) => a - b);
    render.sort((a, b) => a - b);
    const r = (n: number) => Math.round(n);
    return {
      http_p50_ms: r(percentile(http, 50)),
      http_p95_ms: r(percentile(http, 95)),
      render_p50_ms: r(percentile(render, 50)),
      render_p95_ms: r(percentile(render, 95)),
      render_max_ms: r(render[render.length - 1]!),
      month_chips: chips,
    };
  } finally {
    await browser?.close().catch((e) => console.error("closing Chromium:", e));
    await app.stop();
  }
}
