"use client";
/* eslint-disable @next/next/no-img-element -- previews show library files and platform avatars */
import { Fragment } from "react";
import { ChannelAvatar } from "@/components/channels/avatar";
import { ChannelLabel } from "@/components/channels/channel-label";
import { channelLabel } from "@/lib/channels/label";
import { linkify } from "@/lib/composer/linkify";
import { markdownToHtml } from "@/lib/composer/markdown";
import { markupProfileOf } from "@/lib/markup/profiles";
import { sanitizeHtml } from "@/lib/markup/sanitize-html";
import type { ComposerChannel, Descriptor, DraftItem } from "@/lib/composer/types";
import { LinkCard } from "./link-card";

// How the post will roughly look on the platform: the account's name and avatar, the text with
// its links, mentions and hashtags highlighted, the image grid, the poll and the thread below it.

export function ChannelPreview({
  channel,
  descriptor,
  items,
  onLinkCard,
}: {
  channel: ComposerChannel;
  descriptor: Descriptor;
  items: DraftItem[];
  /** Sets item i's card choice (see link-card.tsx); without it the card is shown without choices. */
  onLinkCard?: (i: number, choice: { url: string } | null) => void;
}) {
  return (
    <article
      aria-label={`Preview for ${channelLabel(channel)}`}
      data-testid="channel-preview"
      className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm"
    >
      <p className="mb-2 text-xs text-slate-600">
        <ChannelLabel channel={channel} />
      </p>
      <ol className="space-y-3">
        {items.map((item, i) => (
          <li key={i} className={`flex gap-3 ${i > 0 ? "border-t border-slate-100 pt-3" : ""}`}>
            <ChannelAvatar name={channel.name} picture={channel.picture} badge={channel.badge} platform={channel.providerName} />
            <div className="min-w-0 flex-1">
              <p className="text-sm">
                <span className="font-semibold text-slate-900">{channel.name}</span>
                {channel.username && <span className="ml-1 text-slate-500">@{channel.username.replace(/^@/, "")}</span>}
                {i > 0 && (
                  <span className="ml-1 text-xs text-slate-500">· {descriptor.threads?.kind === "comments" ? "comment" : "reply"}</span>
                )}
              </p>
              <Body descriptor={descriptor} text={item.text} />
              {item.media.length > 0 && <MediaGrid item={item} />}
              <LinkCard descriptor={descriptor} item={item} onChange={onLinkCard && ((choice) => onLinkCard(i, choice))} />
              {item.poll && (
                <ul className="mt-2 space-y-1" aria-label="Poll options">
                  {item.poll.question && <li className="text-sm font-medium">{item.poll.question}</li>}
                  {item.poll.options.map((o, j) => (
                    <li key={j} className="rounded-full border border-brand-200 px-3 py-1 text-sm text-brand-700">
                      {o || `Option ${j + 1}`}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
    </article>
  );
}

function Body({ descriptor, text }: { descriptor: Descriptor; text: string }) {
  const editor = descriptor.editor;
  if (!text.trim()) return <p className="mt-1 text-sm italic text-slate-500">Nothing written yet</p>;
  // Both renderers escape text and check links, so their HTML is safe to insert.
  if (editor === "markdown")
    return <div className="mt-1 text-sm [&_a]:text-brand-700 [&_a]:underline" dangerouslySetInnerHTML={{ __html: markdownToHtml(text) }} />;
  if (editor === "html")
    return (
      <div
        className="mt-1 text-sm [&_a]:text-brand-700 [&_a]:underline"
        dangerouslySetInnerHTML={{ __html: sanitizeHtml(text, markupProfileOf(descriptor) ?? undefined) }}
      />
    );
  return (
    <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-900">
      {linkify(text).map((p, i) =>
        p.kind === "text" ? (
          <Fragment key={i}>{p.text}</Fragment>
        ) : (
          <span key={i} className="text-brand-700">
            {p.kind === "url" ? shorten(p.text) : p.text}
          </span>
        ),
      )}
    </p>
  );
}

const shorten = (url: string) => {
  const bare = url.replace(/^https?:\/\/(www\.)?/, "");
  return bare.length > 30 ? `${bare.slice(0, 29)}…` : bare;
};

function MediaGrid({ item }: { item: DraftItem }) {
  const n = item.media.length;
  return (
    <div className={`mt-2 grid gap-1 overflow-hidden rounded-lg ${n === 1 ? "grid-cols-1" : "grid-cols-2"}`}>
      {item.media
        .slice(0, 4)
        .map((m, i) =>
          m.mimeType.startsWith("video/") ? (
            <video key={i} src={m.src} aria-label={m.alt || m.fileName} className="aspect-video w-full bg-black object-cover" muted />
          ) : (
            <img
              key={i}
              src={m.src}
              alt={m.alt}
              data-testid="preview-image"
              className={`w-full object-cover ${n === 1 ? "max-h-72" : "aspect-square"}`}
            />
          ),
        )}
    </div>
  );
}
