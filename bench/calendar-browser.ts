import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { chromium } from "@playwright/test";
import { kill, percentile } from "./support";

// The calendar as the user meets it: the app started with `npm start` on the bench's database,
// a signed-in Chromium, /api/calendar timed over HTTP (session, routing, query and JSON), and the
// month view timed from navigation to the posts drawn in the page.

type Figures = { http_p50_ms: number; http_p95_ms: number; render_p50_ms: number; render_p95_ms: number; render_max_ms: number; month_chips: number };

export async function measureInBrowser(opts: { databaseUrl: string; email: string; password: string; month: { from: Date; to: Date }; date: string }): Promise<Figures> {
  const port = Number(process.env.BENCH_APP_PORT || 3960);
  const base = `http://127.0.0.1:${port}`;
  rmSync(".tmp/bench-app", { recursive: true, force: true });
  const app = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: opts.databaseUrl, PUBLISH_WORKER: "off", DATA_DIR: ".tmp/bench-app", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  app.stdout!.on("data", (d) => (log += d));
  app.stderr!.on("data", (d) => (log += d));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
  try {
    await waitForHealth(base, app, () => log);
    const page = await (await browser.newContext({ baseURL: base, timezoneId: "UTC" })).newPage();
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
      http_p50_ms: r(percentile(http, 50)), http_p95_ms: r(percentile(http, 95)),
      render_p50_ms: r(percentile(render, 50)), render_p95_ms: r(percentile(render, 95)), render_max_ms: r(render[render.length - 1]!), month_chips: chips,
    };
  } finally {
    await browser.close();
    await kill(app, "SIGTERM");
    rmSync(".tmp/bench-app", { recursive: true, force: true });
  }
}

async function waitForHealth(base: string, app: ChildProcess, log: () => string) {
  const until = Date.now() + 300_000;
  while (Date.now() < until) {
    if (app.exitCode !== null) throw new Error(`the app exited:\n${log()}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not start:\n${log()}`);
}
