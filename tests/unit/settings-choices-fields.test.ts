import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkSettings, choicesWithCurrent, chosenValues, settingsFields, unlabelledSettings } from "@/lib/composer/settings-fields";

// Fields whose choices are read from the channel (`.meta({ choices: "channel" })`), as the composer
// gets them: the zod schema through z.toJSONSchema, exactly as describeProvider sends it.

const schema = z.toJSONSchema(
  z.object({
    title: z.string().meta({ title: "Title" }),
    category: z.string().meta({ title: "Category", description: "Where the post is filed.", choices: "channel" }),
    board: z.string().default("main").meta({ title: "Board", choices: "channel" }),
    tags: z.array(z.string()).max(3).optional().meta({ title: "Tags", choices: "channel" }),
    visibility: z
      .enum(["public", "private"])
      .optional()
      .meta({ title: "Visibility", optionLabels: { public: "Public", private: "Private" } }),
  }),
  { unrepresentable: "any", io: "input" },
);

describe("settings fields with choices read from the channel", () => {
  it("keeps the .meta() choices key in the JSON Schema the browser gets", () => {
    const props = (schema as { properties: Record<string, { choices?: string }> }).properties;
    expect(props.category!.choices).toBe("channel");
    expect(props.tags!.choices).toBe("channel");
    expect(props.visibility!.choices).toBeUndefined();
  });

  it("makes a single choice of a string field and a multiple choice of an array of strings", () => {
    const fields = Object.fromEntries(settingsFields(schema).map((f) => [f.key, f]));
    expect(fields.category).toEqual({
      key: "category",
      label: "Category",
      help: "Where the post is filed.",
      required: true,
      kind: "channel-choices",
      multiple: false,
      defaultValue: undefined,
    });
    expect(fields.board).toMatchObject({ kind: "channel-choices", multiple: false, required: false, defaultValue: "main" });
    expect(fields.tags).toMatchObject({ kind: "channel-choices", multiple: true, required: false, maxItems: 3 });
    expect(fields.title).toMatchObject({ kind: "text" });
    expect(fields.visibility).toMatchObject({ kind: "select" });
    expect(unlabelledSettings(schema)).toEqual([]);
  });

  it("checks what the form can: a required choice made, and no more than the list allows", () => {
    const fields = settingsFields(schema);
    expect(checkSettings(fields, { title: "t" })).toEqual({ category: "Category is required" });
    expect(checkSettings(fields, { title: "t", category: "12", tags: ["1", "2", "3", "4"] })).toEqual({
      tags: "Tags: choose at most 3",
    });
    expect(checkSettings(fields, { title: "t", category: "12", tags: ["1", "2", "3"] })).toEqual({});
  });

  it("keeps the current value offered while it is not (or no longer) in the channel's list", () => {
    const listed = [
      { value: "1", label: "News" },
      { value: "2", label: "Releases" },
    ];
    expect(choicesWithCurrent(listed, ["2"])).toEqual(listed);
    expect(choicesWithCurrent(listed, ["2", "9"])).toEqual([...listed, { value: "9", label: "9" }]);
    expect(choicesWithCurrent([], ["9"])).toEqual([{ value: "9", label: "9" }]);
    expect(chosenValues(undefined)).toEqual([]);
    expect(chosenValues("")).toEqual([]);
    expect(chosenValues("7")).toEqual(["7"]);
    expect(chosenValues(["7", 8])).toEqual(["7", "8"]);
  });
});
