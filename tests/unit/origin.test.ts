import { afterEach, describe, expect, it } from "vitest";
import { browserOrigin } from "@/lib/net/origin";

const req = (headers: Record<string, string>) => ({
  headers: new Headers(headers),
  nextUrl: { protocol: "http:" },
});

describe("browserOrigin", () => {
  afterEach(() => {
    delete process.env.APP_URL;
  });

  it("uses the Host header, not the bind address Next parsed", () => {
    expect(browserOrigin(req({ host: "localhost:3000" }))).toBe("http://localhost:3000");
  });

  it("honours a reverse proxy's forwarded host and scheme", () => {
    expect(browserOrigin(req({ host: "10.0.0.5:3000", "x-forwarded-host": "social.example.com", "x-forwarded-proto": "https" }))).toBe(
      "https://social.example.com",
    );
  });

  it("prefers APP_URL when the operator set it", () => {
    process.env.APP_URL = "https://app.example.com/";
    expect(browserOrigin(req({ host: "localhost:3000" }))).toBe("https://app.example.com");
  });
});
