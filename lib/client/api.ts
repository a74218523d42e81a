// The browser's one way to call the app's JSON API. A refused request throws an ApiError carrying
// the server's message and, for a 4xx on bad input, its per-field messages, so forms can show
// each problem next to the field it names.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new ApiError(
      typeof body.error === "string" ? body.error : `Request failed (HTTP ${res.status})`,
      res.status,
      fieldsOf(body.fields),
    );
  return body as T;
}

// Only a flat map of strings is a field-error map; anything else is left out rather than shown raw.
function fieldsOf(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string");
  return entries.length ? Object.fromEntries(entries) : undefined;
}
