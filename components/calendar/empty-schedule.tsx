// What an empty schedule suggests next. Without a channel nothing can be composed or published,
// so the first step is connecting one, not writing a post.

export function EmptySchedule({ hasChannels, nothing, className }: { hasChannels: boolean; nothing: string; className: string }) {
  return (
    <p role="status" data-testid="empty-schedule" className={className}>
      {hasChannels ? (
        <>
          {nothing}{" "}
          <a className="text-brand-700 underline" href="/compose">
            Compose a post
          </a>
          .
        </>
      ) : (
        <>
          No channels yet, so there is nothing to plan.{" "}
          <a className="text-brand-700 underline" href="/channels">
            Connect a channel
          </a>{" "}
          to start.
        </>
      )}
    </p>
  );
}
