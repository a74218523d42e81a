import { describe, expect, it } from "vitest";
import { checkSettings, settingsFields, unlabelledSettings } from "@/lib/composer/settings-fields";
import { allProviders, describeProvider } from "@/providers/registry";

// Every registered platform, present and future: a settings field without a title or a choice
// without a label would show the platform's API word (`mentionedUsers`, `LOGGED_IN`) in the form.
describe("settings labels", () => {
  it.each(allProviders().map((p) => [p.identifier, p] as const))("%s: every settings field and choice has a human label", (_id, p) => {
    const schema = describeProvider(p).settingsSchema;
    expect(unlabelledSettings(schema)).toEqual([]);
    for (const f of settingsFields(schema)) {
      if (f.kind === "select") for (const o of f.options) expect(o.label, `${p.identifier}.${f.key}`).not.toBe(o.value);
    }
  });

  it("finds an unlabelled field or choice (so the check above can fail)", () => {
    const schema = {
      type: "object",
      properties: {
        privacy: { type: "string", enum: ["public", "friends"], title: "Privacy", optionLabels: { public: "Everyone" } },
        flair: { type: "string" },
      },
    };
    expect(unlabelledSettings(schema)).toEqual(['privacy: no label for "friends"', "flair: no title"]);
  });

  it("shows the labels in the form's choices and in its messages, and sends the platform's values", () => {
    const x = allProviders().find((p) => p.identifier === "x")!;
    const reply = settingsFields(describeProvider(x).settingsSchema).find((f) => f.key === "replySettings")!;
    expect(reply).toMatchObject({ kind: "select", emptyLabel: "Everyone" });
    if (reply.kind !== "select") throw new Error("not a select");
    expect(reply.options).toContainEqual({ value: "mentionedUsers", label: "Only accounts you mention" });
    expect(checkSettings([reply], { replySettings: "nobody" }).replySettings).toBe(
      "Who can reply must be one of: Accounts you follow, Only accounts you mention, Your subscribers, Verified accounts",
    );
    const page = allProviders().find((p) => p.identifier === "linkedin-page")!;
    expect(settingsFields(describeProvider(page).settingsSchema)[0]).toMatchObject({
      kind: "fixed",
      value: "PUBLIC",
      valueLabel: "Anyone (public)",
    });
  });
});
