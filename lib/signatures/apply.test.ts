import { describe, expect, it } from "vitest";
import { appendSignature, appliesTo, hasSignature, insertAt, withAutoSignatures, withoutAutoSignatures, type AutoSignature } from "./apply";

const x = { id: "cx", provider: "x" };
const masto = { id: "cm", provider: "mastodon" };
const sig = (body: string, scope: Partial<AutoSignature> = {}): AutoSignature => ({
  id: body,
  body,
  channelIds: [],
  providers: [],
  ...scope,
});

describe("appliesTo", () => {
  it("takes no scope as every channel, else the listed channels and platforms", () => {
    expect(appliesTo(sig("a"), x)).toBe(true);
    expect(appliesTo(sig("a", { providers: ["x"] }), x)).toBe(true);
    expect(appliesTo(sig("a", { providers: ["x"] }), masto)).toBe(false);
    expect(appliesTo(sig("a", { channelIds: ["cm"] }), masto)).toBe(true);
    expect(appliesTo(sig("a", { channelIds: ["gone"] }), x)).toBe(false);
  });
});

describe("insertAt", () => {
  it("puts the signature at the caret on a line of its own, or at the end", () => {
    expect(insertAt("Hello world", "— Ann", 5)).toEqual({ text: "Hello\n\n— Ann world", caret: 12 });
    expect(insertAt("Hello\n", "— Ann", 6)).toEqual({ text: "Hello\n— Ann", caret: 11 });
    expect(insertAt("Hello", "— Ann")).toEqual({ text: "Hello\n\n— Ann", caret: 12 });
    expect(insertAt("", "— Ann", 0)).toEqual({ text: "— Ann", caret: 5 });
    expect(insertAt("Hi ", "— Ann", 99).text).toBe("Hi \n— Ann");
  });
});

describe("withAutoSignatures", () => {
  const items = (text: string) => [
    { text, media: [] },
    { text: "reply", media: [] },
  ];
  it("appends each applicable signature to the first item only", () => {
    const out = withAutoSignatures(
      items("Hello  "),
      [sig("A"), sig("B", { providers: ["mastodon"] }), sig("C", { channelIds: ["cx"] })],
      x,
      "normal",
    );
    expect(out.map((i) => i.text)).toEqual(["Hello\n\nA\n\nC", "reply"]);
  });
  it("never adds a signature twice, whatever order they were added in or where the text has it", () => {
    const sigs = [sig("A"), sig("B")];
    const once = withAutoSignatures(items("Hello"), sigs, x, "normal");
    expect(withAutoSignatures(once, sigs, x, "normal")).toBe(once);
    expect(withAutoSignatures(items("A\n\nHello\n\nB"), sigs, x, "normal")[0]!.text).toBe("A\n\nHello\n\nB");
    // A multi-line signature matches even if the editor reflowed its spaces.
    expect(hasSignature("normal", "Hi\n\nline one  line\ntwo", "line one\nline two")).toBe(true);
  });
  it("leaves an empty post empty, so it is still reported as empty", () => {
    expect(withAutoSignatures(items(" "), [sig("A")], x, "normal")[0]!.text).toBe(" ");
    expect(withAutoSignatures([{ text: "", media: [{}] }], [sig("A")], x, "normal")[0]!.text).toBe("A");
  });
  it("adds a paragraph to HTML text and recognises it there", () => {
    const out = withAutoSignatures([{ text: "<p>Hello</p>", media: [] }], [sig("Bye & thanks")], x, "html");
    expect(out[0]!.text).toBe("<p>Hello</p><p>Bye &amp; thanks</p>");
    expect(withAutoSignatures(out, [sig("Bye & thanks")], x, "html")).toBe(out);
    expect(appendSignature("markdown", "**Hi**\n", "— me")).toBe("**Hi**\n\n— me");
  });
});

describe("withoutAutoSignatures", () => {
  it("takes off what withAutoSignatures added, and only that", () => {
    const sigs = [sig("A"), sig("B", { providers: ["x"] })];
    for (const editor of ["normal", "html"] as const) {
      const start = [{ text: editor === "html" ? "<p>Hi</p>" : "Hi", media: [] }];
      const signed = withAutoSignatures(start, sigs, x, editor);
      expect(withoutAutoSignatures(signed, sigs, x, editor)[0]!.text).toBe(start[0]!.text);
    }
    // B does not apply to Mastodon, so a Mastodon text that happens to end with it keeps it.
    expect(withoutAutoSignatures([{ text: "Hi\n\nB", media: [] }], sigs, masto, "normal")[0]!.text).toBe("Hi\n\nB");
    // A text that is only the signature stays (an empty post is not what was saved).
    expect(withoutAutoSignatures([{ text: "A", media: [] }], sigs, x, "normal")[0]!.text).toBe("A");
  });
});
