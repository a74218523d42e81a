import { describe, expect, it } from "vitest";
import { classifyLemmyError } from "@/providers/lemmy/lemmy.errors";
import { toLemmyMarkdown } from "@/providers/lemmy/lemmy.markdown";
import { lemmySettings } from "@/providers/lemmy/lemmy.settings";

// Lemmy's documented error bodies (../shared/platforms/lemmy.md §4), its markdown's extra syntax,
// and the title rule of validation.rs.

describe("classifyLemmyError", () => {
  it.each([
    ['{"error":"not_logged_in"}', 400, "refresh-token"],
    ['{"error":"incorrect_login"}', 401, "disconnect"],
    ['{"error":"missing_totp_token"}', 400, "disconnect"],
    ['{"error":"site_ban"}', 400, "disconnect"],
    ['{"error":"email_not_verified"}', 400, "disconnect"],
    ['{"error":"couldnt_find_community"}', 404, "bad-body"],
    ['{"error":"only_mods_can_post_in_community"}', 400, "bad-body"],
    ['{"error":"invalid_post_title"}', 400, "bad-body"],
    ['{"error":"invalid_body_field"}', 400, "bad-body"],
    ['{"error":"blocked_url"}', 400, "bad-body"],
    ['{"error":"pictrs_response_error","message":"ImageTooLarge"}', 400, "bad-body"],
    ['{"error":"couldnt_create_post"}', 400, "retry"],
    ["<html>Bad Gateway</html>", 502, "retry"],
  ])("%s (HTTP %i) is %s", (body, status, kind) => {
    expect(classifyLemmyError(body, status)?.kind).toBe(kind);
  });

  it("keeps Lemmy's detail message", () => {
    expect(classifyLemmyError('{"error":"pictrs_response_error","message":"ImageTooLarge"}', 400)?.message).toMatch(/ImageTooLarge/);
  });

  it("rate_limit_error waits the instance's window for that call (Lemmy sends no headers)", () => {
    expect(classifyLemmyError('{"error":"rate_limit_error"}', 429, 600_000)).toMatchObject({ kind: "retry", retryAfterMs: 600_000 });
    expect(classifyLemmyError('{"error":"rate_limit_error"}', 400, 60_000)).toMatchObject({ kind: "retry", retryAfterMs: 60_000 });
  });
});

describe("toLemmyMarkdown", () => {
  it("leaves CommonMark as typed", () => {
    const md = "# Title\n\n**bold** ~~gone~~ [a](https://x.y)\n\n- one\n- two";
    expect(toLemmyMarkdown(md)).toBe(md);
  });

  it("escapes a literal caret and single tilde, which Lemmy renders as superscript and subscript", () => {
    expect(toLemmyMarkdown("2^10 and H~2~O")).toBe("2\\^10 and H\\~2\\~O");
    expect(toLemmyMarkdown("a ^^ b")).toBe("a \\^\\^ b");
  });

  it("does not touch code spans or code blocks", () => {
    expect(toLemmyMarkdown("`x^2` then\n\n```\na ~ b ^ c\n```\n\n    y^2")).toBe("`x^2` then\n\n```\na ~ b ^ c\n```\n\n    y^2");
  });

  it("keeps a line from opening a spoiler container", () => {
    expect(toLemmyMarkdown("::: spoiler not really")).toBe("\\::: spoiler not really");
  });
});

describe("lemmySettings", () => {
  it("requires a one-line title of 3–200 characters and a community", () => {
    expect(lemmySettings.safeParse({ community: "postmill", title: "ok!" }).success).toBe(true);
    expect(lemmySettings.safeParse({ community: "!technology@lemmy.world", title: "Fine" }).data?.community).toBe("technology@lemmy.world");
    const issues = (v: unknown) => lemmySettings.safeParse(v).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ community: "postmill", title: "ab" })).toEqual(["title: Lemmy titles are at least 3 characters"]);
    expect(issues({ community: "postmill", title: "two\nlines" })).toEqual(["title: a Lemmy title is one line"]);
    expect(issues({ community: "postmill", title: "x".repeat(201) })).toEqual(["title: Lemmy titles are at most 200 characters"]);
    expect(issues({ title: "Fine" })).toEqual(["community: choose a community"]);
  });
});
