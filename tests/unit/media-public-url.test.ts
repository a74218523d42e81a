import { afterEach, describe, expect, it, vi } from "vitest";
import { hostIsPrivate, publicMediaRoute, uploadsPublicProblem } from "@/lib/media/public-reach";
import { publicMediaUrlOf, publicUrlTtlSeconds, signMediaToken, verifyMediaToken } from "@/lib/media/public-url";

const m = { organizationId: "org_1", id: "media_1" };
const now = Date.UTC(2026, 0, 1);
const inAnHour = now / 1000 + 3600;

describe("signed public media tokens", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("name one file until they expire", () => {
    const token = signMediaToken(m, inAnHour);
    expect(verifyMediaToken(token, now)).toEqual(m);
    expect(verifyMediaToken(`${token}.png`, now)).toEqual(m);
    expect(verifyMediaToken(token, inAnHour * 1000)).toBeNull();
  });

  it("are refused when tampered with, truncated or signed with another secret", () => {
    const token = signMediaToken(m, inAnHour);
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(`org_2|media_1|${inAnHour.toString(36)}`).toString("base64url");
    expect(verifyMediaToken(`${forged}.${mac}`, now)).toBeNull();
    const later = Buffer.from(`org_1|media_1|${(inAnHour + 86400 * 365).toString(36)}`).toString("base64url");
    expect(verifyMediaToken(`${later}.${mac}`, now)).toBeNull();
    expect(verifyMediaToken(`${payload}.${mac!.slice(0, -1)}A`, now)).toBeNull();
    expect(verifyMediaToken(payload!, now)).toBeNull();
    expect(verifyMediaToken(`${token}.png.x`, now)).toBeNull();
    expect(verifyMediaToken("", now)).toBeNull();
    vi.stubEnv("AUTH_SECRET", "another-secret-entirely-0123456789");
    expect(verifyMediaToken(token, now)).toBeNull();
  });

  it("make an APP_URL address with the file's extension, valid MEDIA_PUBLIC_URL_TTL_SECONDS (a day by default)", async () => {
    vi.stubEnv("MEDIA_S3_BUCKET", "");
    vi.stubEnv("APP_URL", "https://postmill.example.com/");
    const url = await publicMediaUrlOf({ ...m, path: "org_1/abc.png", mimeType: "image/png" }, now);
    const token = url.match(/^https:\/\/postmill\.example\.com\/m\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\.png$/)![1]!;
    expect(verifyMediaToken(token, now + 86_399_000)).toEqual(m);
    expect(verifyMediaToken(token, now + 86_400_000)).toBeNull();
    expect(publicUrlTtlSeconds({})).toBe(86400);
    expect(publicUrlTtlSeconds({ MEDIA_PUBLIC_URL_TTL_SECONDS: "3600" })).toBe(3600);
    expect(publicUrlTtlSeconds({ MEDIA_PUBLIC_URL_TTL_SECONDS: "5" })).toBe(300);
    expect(publicUrlTtlSeconds({ MEDIA_PUBLIC_URL_TTL_SECONDS: "99999999" })).toBe(604800);
    expect(publicUrlTtlSeconds({ MEDIA_PUBLIC_URL_TTL_SECONDS: "soon" })).toBe(86400);
  });
});

describe("whether uploads have a public address", () => {
  it("tells private hosts from public ones by name", () => {
    for (const h of ["localhost", "127.0.0.1", "[::1]", "10.0.0.2", "192.168.1.1", "postmill", "box.local", "app.internal", "a.localhost"])
      expect(hostIsPrivate(h), h).toBe(true);
    for (const h of ["postmill.example.com", "93.184.216.34", "[2606:4700::1]"]) expect(hostIsPrivate(h), h).toBe(false);
  });

  it("presigns from a store platforms can reach; a LAN store goes through a public APP_URL", () => {
    const store = { MEDIA_S3_BUCKET: "media", MEDIA_S3_ACCESS_KEY_ID: "k", MEDIA_S3_SECRET_ACCESS_KEY: "s" };
    const lan = { ...store, MEDIA_S3_ENDPOINT: "http://192.168.1.5:9000" };
    expect(publicMediaRoute({ ...store, APP_URL: "http://localhost" })).toBe("store");
    expect(publicMediaRoute({ ...lan, APP_URL: "https://social.example.org" })).toBe("app");
    expect(publicMediaRoute({ ...lan, APP_URL: "http://localhost" })).toBeNull();
    expect(uploadsPublicProblem({ ...lan, APP_URL: "http://localhost" })).toBe(
      "neither this server's address (APP_URL localhost) nor the object store's (192.168.1.5:9000) can be reached from the internet",
    );
    expect(publicMediaRoute({ ...lan, APP_URL: "http://localhost", ALLOW_PRIVATE_NETWORK: "1" })).toBe("store");
  });

  it("is a problem only with a private APP_URL, no object store, outside sandbox mode and private-network installs", () => {
    expect(uploadsPublicProblem({ APP_URL: "http://localhost:3000" })).toMatch(/APP_URL localhost:3000/);
    expect(uploadsPublicProblem({})).toMatch(/APP_URL localhost:3000/);
    expect(uploadsPublicProblem({ APP_URL: "https://social.example.org" })).toBeNull();
    expect(uploadsPublicProblem({ APP_URL: "http://localhost:3000", PROVIDER_SANDBOX_URL: "http://127.0.0.1:3400" })).toBeNull();
    expect(uploadsPublicProblem({ APP_URL: "http://10.1.2.3", ALLOW_PRIVATE_NETWORK: "1" })).toBeNull();
    expect(
      uploadsPublicProblem({
        APP_URL: "http://localhost",
        MEDIA_S3_BUCKET: "media",
        MEDIA_S3_ACCESS_KEY_ID: "k",
        MEDIA_S3_SECRET_ACCESS_KEY: "s",
      }),
    ).toBeNull();
  });
});
