import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

describe("secret box (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time, and never stores the plain text", () => {
    const a = encryptSecret("access-token-123");
    const b = encryptSecret("access-token-123");
    expect(a).not.toBe(b);
    expect(a).not.toContain("access-token-123");
    expect(a).toMatch(/^v1\./);
    expect(decryptSecret(a)).toBe("access-token-123");
  });

  it("detects tampering", () => {
    const parts = encryptSecret("secret").split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });

  it("cannot be read with another key", () => {
    const enc = encryptSecret("secret");
    const saved = process.env.TOKEN_ENCRYPTION_KEY;
    process.env.TOKEN_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString("base64");
    try {
      expect(() => decryptSecret(enc)).toThrow();
    } finally {
      process.env.TOKEN_ENCRYPTION_KEY = saved;
    }
  });
});
