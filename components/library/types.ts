// What the Sets & signatures page shows of a channel: enough to name it and say if it can publish.
export type LibraryChannel = { id: string; name: string; provider: string; providerName: string; status: string };

/** Field messages of a refused save, as one line (each names its field and rule). */
export const fieldText = (e: unknown) => {
  const err = e as Error & { fields?: Record<string, string> };
  return err.fields
    ? Object.entries(err.fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join("; ")
    : err.message;
};
