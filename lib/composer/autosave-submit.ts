// Where a Schedule / Post now / Save as draft goes once autosave may have made the new post a
// draft already: into that draft (never a second post), except a new recurring series, which
// is its own kind of record; then the autosaved draft has done its job and is removed.

export function submitTarget(
  editingId: string | undefined,
  autosavedId: string | undefined,
  startsSeries: boolean,
): { postId: string | undefined; dropDraft: string | undefined } {
  if (editingId) return { postId: editingId, dropDraft: undefined };
  if (autosavedId && startsSeries) return { postId: undefined, dropDraft: autosavedId };
  return { postId: autosavedId, dropDraft: undefined };
}
