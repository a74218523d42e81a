import { describe, expect, it } from "vitest";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import { attemptTag, campaignContent, escapeTemplate } from "@/providers/listmonk/listmonk.body";
import { campaignRequest, campaignUrl } from "@/providers/listmonk/listmonk.campaign";
import { listmonkManifest } from "@/providers/listmonk/listmonk.manifest";
import { listmonkSettings } from "@/providers/listmonk/listmonk.settings";
import { renderTemplate } from "@/emulator/platforms/listmonk/template";

// What a campaign is made of: the composer's sanitised HTML, made safe for Listmonk's Go
// templates, with a plain-text alternative; and the request built from the settings.

/** The text as the composer stores it for this platform (lib/posts/prepare.ts). */
const stored = (html: string) => sanitizeHtml(html, listmonkManifest.markup);

describe("Listmonk campaign content", () => {
  it("keeps the post's HTML and gives a plain-text alternative", () => {
    const { body, altbody } = campaignContent(stored('<h2>News</h2><p>Read <a href="https://example.com/a">this</a> &amp; more</p>'));
    expect(body).toBe('<h2>News</h2><p>Read <a href="https://example.com/a">this</a> &amp; more</p>');
    expect(altbody).toBe("News\nRead this & more");
  });

  it("wraps text written without markup in paragraphs", () => {
    expect(campaignContent(stored("first line\nsecond\n\nnext paragraph")).body).toBe("<p>first line<br>second</p><p>next paragraph</p>");
  });

  it("prints a user's {{ braces }} as written instead of running them as template actions", () => {
    const { body, altbody } = campaignContent(stored("<p>Use {{ .Subscriber.Name }} or {{{x}}}</p>"));
    expect(body).not.toMatch(/\{\{ \.Subscriber/);
    // Rendered as Listmonk's Go templates would (the emulator's renderer), the reader sees the braces.
    expect(renderTemplate(body)).toEqual({ text: "<p>Use {{ .Subscriber.Name }} or {{{x}}}</p>" });
    expect(renderTemplate(altbody)).toEqual({ text: "Use {{ .Subscriber.Name }} or {{{x}}}" });
    expect(escapeTemplate("no braces }} here")).toBe("no braces }} here");
  });

  it("tags an attempt the same way every time, and different attempts differently", () => {
    expect(attemptTag("target1:0")).toBe(attemptTag("target1:0"));
    expect(attemptTag("target1:0")).not.toBe(attemptTag("target1:1"));
    expect(attemptTag("target1:0")).toMatch(/^postmill-[0-9a-f]{16}$/);
  });
});

describe("Listmonk campaign request", () => {
  const settings = listmonkSettings.parse({
    subject: "Weekly #42",
    lists: ["1", "3"],
    template: "2",
    fromEmail: "News <news@example.com>",
    archive: true,
  });

  it("sends the documented fields: html content, numeric list and template ids, the attempt's tag", () => {
    const r = campaignRequest({ text: "<p>Hi</p>" }, settings, "postmill-abc");
    expect(r).toMatchObject({
      name: "Weekly #42",
      subject: "Weekly #42",
      lists: [1, 3],
      type: "regular",
      content_type: "html",
      body: "<p>Hi</p>",
      altbody: "Hi",
      messenger: "email",
      tags: ["postmill-abc"],
      template_id: 2,
      archive_template_id: 2,
      from_email: "News <news@example.com>",
      archive: true,
    });
    expect(r).not.toHaveProperty("send_at");
  });

  it("leaves out what was not set, so the server's defaults apply", () => {
    const r = campaignRequest({ text: "x" }, listmonkSettings.parse({ subject: "S", lists: ["1"] }), "t");
    for (const k of ["template_id", "from_email", "send_at", "archive"]) expect(r).not.toHaveProperty(k);
  });

  it("links the public archive page of an archived campaign, else the admin's campaign page", () => {
    expect(campaignUrl("https://news.example.com", { id: 7, uuid: "u-1", archive: true })).toBe("https://news.example.com/archive/u-1");
    expect(campaignUrl("https://news.example.com", { id: 7, uuid: "u-1", archive: false })).toBe(
      "https://news.example.com/admin/campaigns/7",
    );
  });
});

describe("Listmonk settings", () => {
  it.each([
    [{ lists: ["1"] }, "subject", /Subject is required/],
    [{ subject: "   ", lists: ["1"] }, "subject", /Subject is required/],
    [{ subject: "x".repeat(5001), lists: ["1"] }, "subject", /at most 5,000/],
    [{ subject: "S" }, "lists", /pick at least one/],
    [{ subject: "S", lists: [] }, "lists", /pick at least one/],
    [{ subject: "S", lists: ["default"] }, "lists", /list id/],
    [{ subject: "S", lists: ["1"], template: "x" }, "template", /template id/],
    [{ subject: "S", lists: ["1"], fromEmail: "not an address" }, "fromEmail", /Name <address>/],
    [{ subject: "S", lists: ["1"], sendAt: "tomorrow" }, "sendAt", /date and time/],
  ])("refuses %j naming %s", (value, field, rule) => {
    const r = listmonkSettings.safeParse(value);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path[0] === field);
    expect(issue?.message).toMatch(rule);
  });

  it("accepts a bare address or Name <address> as the sender", () => {
    for (const fromEmail of ["news@example.com", "The News <news@example.com>"])
      expect(listmonkSettings.safeParse({ subject: "S", lists: ["1"], fromEmail }).success).toBe(true);
  });
});
