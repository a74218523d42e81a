import { channelLabel } from "@/lib/channels/label";
import { checkVariant, type VariantRules } from "@/lib/posts/variant-rules";
import { checkSettings, cleanSettings, settingsFields } from "./settings-fields";
import { htmlToText, textToHtml } from "@/lib/markup/sanitize-html";
import { withAutoSignatures } from "@/lib/signatures/apply";
import { linkCardInput } from "./link-card";
import type { AttachedMedia, ComposerChannel, ComposerState, Descriptor, DraftItem } from "./types";

// The composer's rules as pure functions: which items each channel sends (its own variant or the
// global items fitted to what the platform takes), what is wrong with them, and the request body.

export const emptyItem = (): DraftItem => ({ text: "", media: [] });

export function rulesFor(channel: ComposerChannel, d: Descriptor): VariantRules {
  return {
    name: d.name,
    threads: d.threads,
    polls: d.polls,
    media: d.media,
    counting: d.counting,
    maxLength: channel.maxLength ?? d.maxLength,
    editor: d.editor,
    uploadsNotPublic: d.uploadsNotPublic,
    forbiddenCharacters: d.forbiddenCharacters,
    mediaUnavailable: d.mediaUnavailable,
  };
}

/** The global items as this channel will send them, and what was left out and why. */
export function fitGlobal(items: DraftItem[], channel: ComposerChannel, d: Descriptor): { items: DraftItem[]; notes: string[] } {
  const notes: string[] = [];
  const who = channelLabel(channel);
  const max = 1 + (d.threads?.maxItems ?? 0);
  let out = items;
  if (items.length > max) {
    notes.push(
      d.threads
        ? `${who} takes at most ${d.threads.maxItems} follow-up ${d.threads.kind}; the rest are not sent there`
        : `${d.name} has no threads or comments: only the first item is sent to ${who}`,
    );
    out = out.slice(0, max);
  }
  if (!d.polls && out.some((i) => i.poll)) {
    notes.push(`${d.name} has no polls: the poll is not sent to ${who}`);
    out = out.map(({ poll: _poll, ...rest }) => rest);
  }
  if (d.editor === "html") out = out.map((i) => ({ ...i, text: textToHtml(i.text) }));
  return { items: out, notes };
}

export function channelItems(state: ComposerState, channel: ComposerChannel, d: Descriptor): DraftItem[] {
  const items = state.variants[channel.id] ?? fitGlobal(state.global, channel, d).items;
  // Automatic signatures as the server will add them, so the counters and previews include them.
  return state.autoSignatures?.length ? withAutoSignatures(items, state.autoSignatures, channel, d.editor) : items;
}

/** The characters a reader sees, which is what the platform counts (HTML tags are not). */
export const visibleText = (d: Pick<Descriptor, "editor">, text: string) => (d.editor === "html" ? htmlToText(text) : text);

/** Every problem of one channel, keyed like the server's messages (items.0.text, settings.x…). */
export function channelProblems(state: ComposerState, channel: ComposerChannel, d: Descriptor): Record<string, string> {
  const items = channelItems(state, channel, d).map((i) => ({
    text: i.text,
    poll: i.poll,
    media: i.media.map((m) => ({
      mimeType: m.mimeType,
      fileName: m.fileName,
      size: m.size,
      alt: m.alt,
      uploaded: !!m.mediaId,
      width: m.width,
      height: m.height,
    })),
  }));
  const who = channelLabel(channel);
  const out = checkVariant(who, rulesFor(channel, d), items);
  const settings = checkSettings(settingsFields(d.settingsSchema), state.settings[channel.id] ?? {});
  for (const [k, v] of Object.entries(settings)) out[`settings.${k}`] = `${who}: ${v}`;
  return out;
}

const mediaInput = (m: AttachedMedia) =>
  m.mediaId ? { mediaId: m.mediaId, alt: m.alt || undefined } : { url: m.src, alt: m.alt || undefined };

export function toPostBody(
  state: ComposerState,
  mode: "draft" | "schedule" | "now",
  publishAt: string | undefined,
  channels: Map<string, ComposerChannel>,
  descriptors: Map<string, Descriptor>,
) {
  return {
    mode,
    publishAt,
    targets: state.picked.flatMap((id) => {
      const c = channels.get(id);
      const d = c && descriptors.get(c.provider);
      if (!c || !d) return [];
      const items = channelItems(state, c, d).map((i) => ({
        text: i.text,
        media: i.media.map(mediaInput),
        ...(i.poll ? { poll: i.poll } : {}),
        ...linkCardInput(i),
      }));
      return [{ channelId: id, items, settings: cleanSettings(state.settings[id] ?? {}, settingsFields(d.settingsSchema)) }];
    }),
  };
}

export type StoredItemLike = {
  text: string;
  media: { mediaId?: string; url?: string; mimeType: string; size?: number; fileName?: string; alt?: string }[];
  poll?: { question?: string; options: string[]; durationMinutes: number };
  linkCard?: { url: string } | null;
};
export type PostLike = {
  id: string;
  publishAt: string | null;
  targets: { channel: { id: string }; status: string; items: StoredItemLike[]; settings: unknown }[];
};

export function draftItemsOf(items: StoredItemLike[]): DraftItem[] {
  return items.map((i) => ({
    text: i.text,
    media: i.media.map((m) => ({
      mediaId: m.mediaId,
      src: m.mediaId ? `/api/media/${m.mediaId}/file` : m.url!,
      fileName: m.fileName ?? (m.url ? (m.url.split("/").pop() ?? "file") : "file"),
      mimeType: m.mimeType,
      size: m.size,
      alt: m.alt ?? "",
    })),
    ...(i.poll ? { poll: { question: i.poll.question ?? "", options: i.poll.options, durationMinutes: i.poll.durationMinutes } } : {}),
    ...(i.linkCard !== undefined ? { linkCard: i.linkCard } : {}),
  }));
}

const sameItems = (a: DraftItem[], b: DraftItem[]) => JSON.stringify(a) === JSON.stringify(b);

/** The composer's state for an existing post (or a copy of it when `copy` is set). The items the
 *  most channels share become the global text; channels that differ keep their own variant. */
export function stateFromPost(post: PostLike, when: string, copy = false): ComposerState {
  const targets = post.targets.filter((t) => t.status !== "cancelled" || post.targets.every((x) => x.status === "cancelled"));
  const drafts = targets.map((t) => ({
    id: t.channel.id,
    items: draftItemsOf(t.items),
    settings: (t.settings ?? {}) as Record<string, unknown>,
  }));
  const tally = new Map<string, number>();
  for (const d of drafts) tally.set(JSON.stringify(d.items), (tally.get(JSON.stringify(d.items)) ?? 0) + 1);
  const common = [...tally.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const global = common ? (JSON.parse(common) as DraftItem[]) : [emptyItem()];
  const variants: Record<string, DraftItem[]> = {};
  for (const d of drafts) if (!sameItems(d.items, global)) variants[d.id] = d.items;
  return {
    postId: copy ? undefined : post.id,
    picked: drafts.map((d) => d.id),
    global,
    variants,
    settings: Object.fromEntries(drafts.map((d) => [d.id, d.settings])),
    when,
  };
}
