import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkSettings, cleanSettings, isShown, settingsFields } from "@/lib/composer/settings-fields";

// A setting declared .meta({ showWhen: { field, in } }) belongs to some values of another setting
// (an event's dates, an offer's coupon): the form shows and checks it only then, and a value left
// behind when the other setting changed is not sent.

const schema = z.toJSONSchema(
  z.object({
    kind: z
      .enum(["A", "B"])
      .default("A")
      .meta({ title: "Kind", optionLabels: { A: "A", B: "B" } }),
    onlyB: z
      .string()
      .max(3)
      .meta({ title: "Only B", showWhen: { field: "kind", in: ["B"] } }),
    always: z.string().optional().meta({ title: "Always" }),
  }),
  { io: "input" },
);

describe("settings shown for some values of another", () => {
  const fields = settingsFields(schema);
  const onlyB = fields.find((f) => f.key === "onlyB")!;

  it("shows the field only while the other setting (or its default) matches", () => {
    expect(onlyB.showWhen).toEqual({ field: "kind", in: ["B"] });
    expect(isShown(onlyB, fields, {})).toBe(false);
    expect(isShown(onlyB, fields, { kind: "B" })).toBe(true);
    expect(
      isShown(
        fields.find((f) => f.key === "always")!,
        fields,
        {},
      ),
    ).toBe(true);
  });

  it("checks a hidden field's rules only while it is shown", () => {
    expect(checkSettings(fields, { kind: "A" })).toEqual({});
    expect(checkSettings(fields, { kind: "B" })).toEqual({ onlyB: "Only B is required" });
    expect(checkSettings(fields, { kind: "B", onlyB: "long" })).toEqual({ onlyB: "Only B must be at most 3 characters" });
  });

  it("does not send a value left behind in a hidden field", () => {
    expect(cleanSettings({ kind: "A", onlyB: "x", always: "y" }, fields)).toEqual({ kind: "A", always: "y" });
    expect(cleanSettings({ kind: "B", onlyB: "x" }, fields)).toEqual({ kind: "B", onlyB: "x" });
    expect(cleanSettings({ kind: "A", onlyB: "x" })).toEqual({ kind: "A", onlyB: "x" });
  });
});
