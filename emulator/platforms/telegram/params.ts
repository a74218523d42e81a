import type { EmuRequest } from "@/emulator/types";

// The Bot API takes parameters four ways (query string, application/x-www-form-urlencoded,
// application/json, multipart/form-data for uploads); a structured parameter (reply_parameters,
// media, options) sent in a form is a JSON-serialized string. Files arrive only in multipart.

export type Params = {
  get(name: string): unknown;
  str(name: string): string | undefined;
  obj<T>(name: string): T | undefined | "invalid";
  file(name: string): File | undefined;
};

export async function readParams(req: EmuRequest): Promise<Params | string> {
  const values = new Map<string, unknown>();
  for (const [k, v] of req.query) values.set(k, v);
  const type = req.headers["content-type"] ?? "";
  if (req.body.length) {
    if (type.startsWith("application/json")) {
      let body: unknown;
      try {
        body = JSON.parse(req.body.toString("utf8"));
      } catch {
        return "Bad Request: can't parse JSON object";
      }
      if (!body || typeof body !== "object" || Array.isArray(body)) return "Bad Request: can't parse JSON object";
      for (const [k, v] of Object.entries(body)) values.set(k, v);
    } else if (type.startsWith("application/x-www-form-urlencoded")) {
      for (const [k, v] of req.form()) values.set(k, v);
    } else if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(req.body), { headers: { "content-type": type } }).formData().catch(() => undefined);
      if (!form) return "Bad Request: can't parse multipart/form-data";
      for (const [k, v] of form) values.set(k, v);
    }
  }
  const get = (n: string) => values.get(n);
  return {
    get,
    str: (n) => {
      const v = get(n);
      return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
    },
    obj: <T>(n: string) => {
      const v = get(n);
      if (v === undefined || v === "") return undefined;
      if (typeof v !== "string") return v as T;
      try {
        return JSON.parse(v) as T;
      } catch {
        return "invalid" as const;
      }
    },
    file: (n) => {
      const v = get(n);
      return v instanceof File ? v : undefined;
    },
  };
}
