import { ChannelLabel } from "@/components/channels/channel-label";
import { StatusBadge, TargetNote } from "@/components/posts/post-list";
import type { PostView } from "@/lib/posts/queries";
import { formatInZone } from "@/lib/time/zone";

// A post that is already out (or on its way) cannot change: it opens read-only, each channel with
// its text, its status and the links to the live posts, or the reason it failed.

export function ReadOnlyPost({ post, timeZone }: { post: PostView; timeZone: string }) {
  return (
    <div className="space-y-4" data-testid="read-only-post">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StatusBadge status={post.status} />
        {post.publishAt && (
          <span>
            {formatInZone(new Date(post.publishAt), timeZone)} ({timeZone})
          </span>
        )}
        <a className="text-brand-700 underline" href={`/compose?copy=${post.id}`}>
          Duplicate as a new post
        </a>
      </div>
      {post.repeats && (
        <p className="text-sm text-slate-600" data-testid="post-repeats">
          ↻ {post.repeats}
        </p>
      )}
      <ul className="space-y-3">
        {post.targets.map((t) => (
          <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="target">
            <div className="flex flex-wrap items-center gap-2">
              <ChannelLabel channel={t.channel} className="font-medium text-slate-900" />
              <StatusBadge status={t.retry ? "retrying" : t.status} />
            </div>
            <ol className="mt-2 space-y-2">
              {t.items.map((item, i) => (
                <li key={i} className="text-sm text-slate-800">
                  <p className="whitespace-pre-wrap break-words">{item.text}</p>
                  {item.media.length > 0 && (
                    <p className="text-xs text-slate-500">
                      {item.media.length} attachment{item.media.length === 1 ? "" : "s"}
                    </p>
                  )}
                  {t.links[i] && (
                    <a className="text-sm text-brand-700 underline" href={t.links[i]!.url} target="_blank" rel="noreferrer">
                      View on {t.channel.providerName}
                      {i > 0 ? ` (item ${i + 1})` : ""}
                    </a>
                  )}
                </li>
              ))}
            </ol>
            <TargetNote t={t} timeZone={timeZone} className="mt-2 text-sm" alert />
            {t.warnings.map((w) => (
              <p key={w} className="mt-2 text-sm text-amber-700" data-testid="target-warning">
                Published with a warning: {w}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
