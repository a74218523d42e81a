import { afterEach, describe, expect, it, vi } from "vitest";

// `npm run bench:calendar` once left its `npm start` app running when Chromium could not start:
// the launch sat before the try/finally that stops the app.

const stop = vi.fn(async () => {});
vi.mock("@/bench/http", () => ({ startApp: vi.fn(async () => ({ base: "http://127.0.0.1:9", stop })) }));

describe("the calendar benchmark's browser part", () => {
  const chromium = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (chromium === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = chromium;
  });

  it("stops the app it started when Chromium cannot be launched", async () => {
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    const { measureInBrowser } = await import("@/bench/calendar-browser");
    const month = { from: new Date(Date.UTC(2027, 0, 1)), to: new Date(Date.UTC(2027, 1, 1)) };
    await expect(
      measureInBrowser({ databaseUrl: "postgresql://unused", email: "a@example.test", password: "x", month, date: "2027-01-15" }),
    ).rejects.toThrow();
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
