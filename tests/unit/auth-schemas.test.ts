import { describe, expect, it } from "vitest";
import { profileSchema, signUpSchema } from "@/lib/auth/schemas";
import { fieldErrors } from "@/lib/validation";
import { safeNext } from "@/lib/forms";

const errors = (input: unknown) => {
  const res = signUpSchema.safeParse(input);
  return res.success ? {} : fieldErrors(res.error);
};

describe("sign-up validation", () => {
  it("names the field and the rule", () => {
    expect(errors({ name: "A", email: "not-an-email", password: "long enough password" })).toEqual({
      email: "Email must be a valid email address, like name@example.com",
    });
    expect(errors({ name: "A", email: "a@b.co", password: "short" })).toEqual({ password: "Password must be at least 10 characters" });
    expect(errors({ name: " ", email: "", password: "" })).toMatchObject({ name: "Name is required", email: "Email is required" });
  });

  it("normalises the email and accepts a browser time zone", () => {
    const res = signUpSchema.parse({ name: "A", email: "  Ann@Example.COM ", password: "0123456789", timezone: "Europe/Paris" });
    expect(res.email).toBe("ann@example.com");
    expect(res.timezone).toBe("Europe/Paris");
  });

  it("rejects an unknown time zone in the profile", () => {
    const res = profileSchema.safeParse({ name: "A", timezone: "Mars/Olympus" });
    expect(res.success).toBe(false);
    expect(fieldErrors(res.error!)).toEqual({ timezone: "Time zone must be an IANA time zone such as Europe/Paris" });
  });
});

describe("safeNext", () => {
  it("follows only same-site relative paths", () => {
    expect(safeNext("/settings")).toBe("/settings");
    expect(safeNext("//evil.example")).toBe("/calendar");
    expect(safeNext("https://evil.example")).toBe("/calendar");
    expect(safeNext(undefined)).toBe("/calendar");
  });
});
