// Settings schemas are shown to users as forms (lib/composer/settings-fields.ts), so every field
// carries a title and every choice a label in its zod .meta(): the platform's raw values
// ("mentionedUsers", "LOGGED_IN") are API words, not words a user should read.

declare module "zod" {
  interface GlobalMeta {
    /** The label shown for each allowed value of an enum or literal field. */
    optionLabels?: Record<string, string>;
    /** What leaving an optional choice empty means ("Everyone"), shown as the empty option. */
    emptyLabel?: string;
    /**
     * "channel": the field's choices are the channel's own (categories, boards, lists), read from the
     * platform by the provider's settingsChoices() and offered by the composer as a select (a string
     * field) or a multi-select (an array of strings).
     */
    choices?: "channel";
  }
}

/** One label per allowed value, checked by the compiler against the value list. */
export type OptionLabels<T extends string> = Record<T, string>;
