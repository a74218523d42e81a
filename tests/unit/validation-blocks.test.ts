import { describe, expect, it } from "vitest";
import { checkJsonText } from "@/lib/api/route";
import { sqlState, storageRefusal } from "@/lib/db/storage-errors";
import { boundedDate, boundedDay, unsafeTextReason, unsafeUrlReason } from "@/lib/validation";

// The shared rules every input schema is built from.
describe("validation building blocks", () => {
  it("safe text refuses NUL and lone surrogates, and keeps every real character", () => {
    expect(unsafeTextReason("a\u0000b")).toMatch(/NUL/);
    expect(unsafeTextReason("\ud800")).toMatch(/lone surrogate/);
    expect(unsafeTextReason("x\udc00")).toMatch(/lone surrogate/);
    expect(unsafeTextReason("\udc00\ud800")).toMatch(/lone surrogate/);
    expect(unsafeTextReason("😀 👩🏽‍💻 é \u202e \u200b 𝕏")).toBeNull();
  });

  it("dates are instants between 2000-01-01 and 2100-12-31", () => {
    const d = boundedDate();
    expect(d.parse("2026-05-01T10:00:00Z")).toEqual(new Date("2026-05-01T10:00:00Z"));
    expect(d.parse(Date.UTC(2030, 0, 1))).toEqual(new Date(Date.UTC(2030, 0, 1)));
    for (const bad of [Date.now() * 1000, "+275760-09-13T00:00:00Z", "1999-12-31T23:59:59Z", "2101-01-01T00:00:00Z", 0]) {
      expect(d.safeParse(bad).error?.issues[0]?.message).toBe("must be between 2000-01-01 and 2100-12-31");
    }
    for (const bad of ["soon", "", null, true, {}, 8.64e15 + 1])
      expect(d.safeParse(bad).error?.issues[0]?.message).toBe("must be a date and time");
    expect(boundedDay("from", "2026-11-01").safeParse("9999-12-01").error?.issues[0]?.message).toBe(
      "from must be between 2000-01-01 and 2100-12-31",
    );
  });

  it("URLs must decode, parse and name a host a resolver could look up", () => {
    expect(unsafeUrlReason("https://cdn.example.com/a%20b.png")).toBeNull();
    expect(unsafeUrlReason("http://127.0.0.1:9/x.png")).toBeNull();
    expect(unsafeUrlReason("https://example.com/%E0%A4%A")).toMatch(/broken %-escape/);
    expect(unsafeUrlReason("https://ht!tp//x")).toMatch(/not a valid host name/);
    expect(unsafeUrlReason("javascript:alert(1)")).toMatch(/http or https/);
    expect(unsafeUrlReason("https://exa\u0000mple.com")).toMatch(/NUL/);
  });

  it("JSON bodies: every string and key checked, nesting bounded", () => {
    expect(() => checkJsonText({ a: [{ b: "ok" }], c: 1 })).not.toThrow();
    expect(() => checkJsonText({ a: [{ b: "x\u0000" }] })).toThrow(/a\.0\.b: must not contain the NUL/);
    expect(() => checkJsonText({ ["\ud800"]: 1 })).toThrow(/has a key that must be valid Unicode/);
    expect(() => checkJsonText(JSON.parse("[".repeat(5000) + "]".repeat(5000)))).toThrow(/nested more than 32 levels/);
  });

  it("a data error from PostgreSQL becomes a 422 only for SQLSTATE class 22", () => {
    const wrapped = { code: "P2039", meta: { driverAdapterError: { cause: { originalCode: "22021" } } } };
    expect(sqlState(wrapped)).toBe("22021");
    expect(storageRefusal(wrapped)?.status).toBe(422);
    expect(storageRefusal({ code: "23505" })).toBeNull();
    expect(storageRefusal(new Error("boom"))).toBeNull();
  });
});
