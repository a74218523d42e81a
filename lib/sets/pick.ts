import { channelLabel } from "@/lib/channels/label";
import { cleanSettings, settingsFields } from "@/lib/composer/settings-fields";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";

// Picking a set in the composer, and saving the composer's selection as one. Pure, so the rules
// (who is skipped, which settings win) are tested without a browser.

export type SetView = {
  id: string;
  name: string;
  channels: { channelId: string; name: string; provider: string; status: string; settings: Record<string, unknown> }[];
};

/**
 * The set's usable channels become the selection, each starting from the set's settings (the user
 * can still change them); the text is kept. A channel that cannot publish now (disconnected,
 * waiting for a page) or is gone is left out and named, so the user knows why it is missing.
 */
export function applySet(
  state: ComposerState,
  set: SetView,
  channels: Map<string, ComposerChannel>,
): { state: ComposerState; skipped: string[] } {
  const skipped: string[] = [];
  const picked: string[] = [];
  const settings = { ...state.settings };
  for (const m of set.channels) {
    const c = channels.get(m.channelId);
    if (!c || c.status !== "active") {
      skipped.push(c ? `${channelLabel(c)} (${c.status.replace("_", " ")})` : m.name);
      continue;
    }
    picked.push(c.id);
    settings[c.id] = { ...m.settings };
  }
  return { state: { ...state, picked, settings }, skipped };
}

/** The body that saves the current selection and its settings as a set. */
export function setBodyOf(
  name: string,
  state: ComposerState,
  channels: Map<string, ComposerChannel>,
  descriptors: Map<string, Descriptor>,
) {
  return {
    name,
    channels: state.picked.flatMap((id) => {
      const d = descriptors.get(channels.get(id)?.provider ?? "");
      return d ? [{ channelId: id, settings: cleanSettings(state.settings[id] ?? {}, settingsFields(d.settingsSchema)) }] : [];
    }),
  };
}
