import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { rulesText, sizeText } from "@/lib/composer/rules-text";
import { checkSettings, settingsFields } from "@/lib/composer/settings-fields";
import { envKeyFor } from "@/providers/core/hosts";
import type { MediaKindRules, PlatformManifest } from "@/providers/core/manifest";
import { manifests } from "@/providers/manifests";
import { describeProvider, providers } from "@/providers/registry";

// Every registered platform's manifest, checked without its author writing a line: complete,
// consistent, documented, and what the browser gets is exactly it.

const entries = Object.entries(manifests) as [string, PlatformManifest][];
const readme = readFileSync("README.md", "utf8");
const envExample = readFileSync(".env.example", "utf8");
const num = (n: number) => n.toLocaleString("en-US");
const kindsOf = (m: PlatformManifest) =>
  (["image", "video", "gif"] as const).flatMap((k) => (m.media[k] ? [[k, m.media[k]] as [string, MediaKindRules]] : []));
const envNames = (m: PlatformManifest) => [
  ...m.env.credentials,
  ...m.env.hosts.map((h) => h.envVar),
  ...(m.env.options ?? []).map((o) => o.envVar),
];

/**
 * What is wrong with how a settings schema treats {}: nothing when it accepts it. A required
 * setting (a title, a subreddit) may refuse it, but each issue must name a required field, so the
 * API can answer targets.N.settings.<field>, and the composer must flag that field before saving.
 */
function emptySettingsProblems(settings: z.ZodType, jsonSchema: unknown): string[] {
  const empty = settings.safeParse({});
  if (empty.success) return [];
  const required = (jsonSchema as { required?: string[] }).required ?? [];
  const composer = checkSettings(settingsFields(jsonSchema), {});
  const out: string[] = [];
  for (const issue of empty.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "";
    if (!field) out.push(`{} is refused without naming a field: ${issue.message}`);
    else if (!required.includes(field)) out.push(`{} is refused for ${field}, which the JSON Schema does not list as required`);
    else if (!/ is required$/.test(composer[field] ?? "")) out.push(`the composer does not flag ${field} as required`);
  }
  return out;
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("the registry", () => {
  it("holds one provider per manifest, reading that very manifest", () => {
    expect(Object.keys(providers).sort()).toEqual(Object.keys(manifests).sort());
    for (const [id, m] of entries) expect(providers[id as keyof typeof providers].manifest).toBe(m);
  });
});

describe.each(entries)("the %s manifest", (key, m) => {
  it("is filed under its identifier and names itself", () => {
    expect(m.identifier).toBe(key);
    expect(m.name.trim()).not.toBe("");
    expect(m.badge.text).toMatch(/^.{1,2}$/u);
    expect(m.badge.colour).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("declares consistent limits", () => {
    expect(Number.isInteger(m.maxLength) && m.maxLength > 0).toBe(true);
    if (m.maxBytes !== undefined) expect(m.maxBytes).toBeGreaterThanOrEqual(m.maxLength);
    expect(Number.isInteger(m.maxConcurrentJob) && m.maxConcurrentJob >= 1).toBe(true);
    if (m.threads) expect(m.threads.maxItems).toBeGreaterThanOrEqual(1);
    if (m.polls) {
      const p = m.polls;
      expect(p.minOptions).toBeGreaterThanOrEqual(2);
      expect(p.minOptions).toBeLessThanOrEqual(p.maxOptions);
      expect(p.maxOptionLength).toBeGreaterThanOrEqual(1);
      if ("choices" in p.durationMinutes) expect(p.durationMinutes.choices.length).toBeGreaterThan(0);
      else expect(p.durationMinutes.min).toBeLessThanOrEqual(p.durationMinutes.max);
    }
  });

  it("declares consistent media rules", () => {
    const kinds = kindsOf(m);
    expect(m.media.maxItems === 0).toBe(kinds.length === 0);
    for (const [kind, r] of kinds) {
      expect(r.mimeTypes.length, `${kind} mime types`).toBeGreaterThan(0);
      for (const t of r.mimeTypes) expect(t).toMatch(kind === "video" ? /^video\// : /^image\//);
      expect(r.maxBytes).toBeGreaterThan(0);
      expect(r.maxCount).toBeGreaterThanOrEqual(1);
      expect(r.maxCount, `${kind} maxCount`).toBeLessThanOrEqual(m.media.maxItems);
      const d = r.dimensions;
      if (d?.minWidth && d.maxWidth) expect(d.minWidth).toBeLessThanOrEqual(d.maxWidth);
      if (d?.minHeight && d.maxHeight) expect(d.minHeight).toBeLessThanOrEqual(d.maxHeight);
      if (r.durationSeconds) expect(r.durationSeconds.min ?? 0).toBeLessThanOrEqual(r.durationSeconds.max);
    }
    if (m.media.maxAltTextLength !== undefined) expect(m.media.maxAltTextLength).toBeGreaterThan(0);
  });

  it("declares how users connect", () => {
    const a = m.auth;
    if ("scopes" in a) expect(a.scopes.length).toBeGreaterThan(0);
    if (a.kind === "fields" || a.kind === "bot") {
      // A bot linked by code has no form; every other form platform has at least one field.
      if (a.kind === "bot" && a.link) expect(a.fields).toEqual([]);
      else expect(a.fields.length).toBeGreaterThan(0);
      expect(new Set(a.fields.map((f) => f.key)).size).toBe(a.fields.length);
      for (const f of a.fields) if (f.defaultHost) expect(m.env.hosts.map((h) => h.name)).toContain(f.defaultHost);
    }
    if (a.kind === "instance-oauth") expect(a.instanceField.label.trim()).not.toBe("");
    // A platform not fully offered says why, in a sentence shown on its connect card.
    if (m.availability) {
      expect(["limited", "unavailable"]).toContain(m.availability.status);
      expect(m.availability.reason.trim().length, "availability.reason").toBeGreaterThan(10);
    }
  });

  it("names its hosts <PROVIDER>_<HOST>_URL, as hosts.ts reads them", () => {
    expect(new Set(m.env.hosts.map((h) => h.name)).size).toBe(m.env.hosts.length);
    for (const h of m.env.hosts) expect(h.envVar).toBe(`${envKeyFor(m.identifier)}_${h.name.toUpperCase()}_URL`);
  });

  it("documents every environment variable it reads in README.md and .env.example", () => {
    for (const name of envNames(m)) {
      expect(readme, `README.md lacks ${name}`).toContain(name);
      expect(envExample, `.env.example lacks ${name}`).toContain(name);
    }
  });

  it("has a settings schema that round-trips, and accepts {} or refuses it naming each required field", () => {
    const json = z.toJSONSchema(m.settings, { unrepresentable: "any", io: "input" }) as { type?: string };
    expect(json.type).toBe("object");
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const d = describeProvider(providers[key as keyof typeof providers] as never);
    expect(emptySettingsProblems(m.settings, d.settingsSchema)).toEqual([]);
  });

  it("shows rules text written from its numbers", () => {
    const text = rulesText(m);
    expect(text).toContain(`Up to ${num(m.maxLength)} `);
    if (m.maxBytes) expect(text).toContain(`${num(m.maxBytes)} bytes`);
    for (const [, r] of kindsOf(m)) {
      expect(text).toContain(`up to ${sizeText(r.maxBytes)}`);
      expect(text).toMatch(new RegExp(r.maxCount === 1 ? `\\b1 ` : `up to ${r.maxCount} `, "i"));
    }
    if (m.media.maxItems === 0) expect(text).toContain("no media");
    if (m.media.maxAltTextLength) expect(text).toContain(`alt text up to ${num(m.media.maxAltTextLength)} characters`);
    if (m.threads) expect(text).toContain(`up to ${num(m.threads.maxItems)} follow-up ${m.threads.kind}`);
    if (m.polls)
      expect(text).toContain(
        `polls of ${m.polls.minOptions}–${m.polls.maxOptions} options up to ${num(m.polls.maxOptionLength)} characters`,
      );
    else expect(text).not.toContain("polls");
  });

  it("is what the browser gets: the manifest as JSON, no field dropped or changed", () => {
    for (const name of m.env.credentials) delete process.env[name];
    delete process.env.PROVIDER_SANDBOX_URL;
    for (const h of m.env.hosts) delete process.env[h.envVar];
    const d = describeProvider(providers[key as keyof typeof providers] as never);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    const { settings: _settings, auth, ...data } = m;
    for (const [field, value] of Object.entries(data)) {
      if (field === "markup") continue; // resolved: see markup-profiles.test.ts
      expect(d[field as keyof typeof d], field).toEqual(value);
    }
    if (!m.polls) expect(d.polls).toBeNull();
    if (!m.threads) expect(d.threads).toBeNull();
    // Connection fields arrive with their host-following defaults resolved to the real host.
    const resolved =
      "fields" in auth
        ? {
            ...auth,
            fields: auth.fields.map(({ defaultHost, ...f }) =>
              defaultHost ? { ...f, defaultValue: m.env.hosts.find((h) => h.name === defaultHost)!.default } : f,
            ),
          }
        : auth;
    expect(d.auth).toEqual(resolved);
    expect(d.rules).toBe(rulesText(m));
    expect(d.missingConfig).toEqual(m.env.credentials);
    expect(d.configured).toBe(m.env.credentials.length === 0);
  });
});

describe("the settings check itself", () => {
  const check = (s: z.ZodType) => emptySettingsProblems(s, z.toJSONSchema(s, { unrepresentable: "any", io: "input" }));
  it("passes a schema whose {} is refused only for titled required fields", () => {
    expect(check(z.object({ title: z.string().meta({ title: "Title" }), tags: z.array(z.string()).optional() }))).toEqual([]);
  });
  it("fails a refusal of {} that names no field", () => {
    const s = z.object({ a: z.string().optional(), b: z.string().optional() }).refine((v) => v.a || v.b, { error: "give a or b" });
    expect(check(s)).toEqual(["{} is refused without naming a field: give a or b"]);
  });
});

describe("configuration from manifest.env", () => {
  it("counts a platform configured once its credentials are set, or in sandbox mode", () => {
    const withCreds = entries.filter(([, m]) => m.env.credentials.length);
    expect(withCreds.length).toBeGreaterThan(0);
    for (const [id, m] of withCreds) {
      const p = providers[id as keyof typeof providers];
      delete process.env.PROVIDER_SANDBOX_URL;
      for (const name of m.env.credentials) delete process.env[name];
      expect(p.missingConfig()).toEqual(m.env.credentials);
      for (const name of m.env.credentials) process.env[name] = "set";
      expect(p.missingConfig()).toEqual([]);
      for (const name of m.env.credentials) delete process.env[name];
      process.env.PROVIDER_SANDBOX_URL = "http://127.0.0.1:4400";
      expect(p.missingConfig()).toEqual([]);
    }
  });

  it("resolves a field's host-following default from the override, then the sandbox", () => {
    const d = () => describeProvider(providers.bluesky);
    const service = () =>
      (d().auth as { fields: { key: string; defaultValue?: string }[] }).fields.find((f) => f.key === "service")!.defaultValue;
    delete process.env.PROVIDER_SANDBOX_URL;
    delete process.env.BLUESKY_SERVICE_URL;
    expect(service()).toBe("https://bsky.social");
    process.env.PROVIDER_SANDBOX_URL = "http://127.0.0.1:4400";
    expect(service()).toBe("http://127.0.0.1:4400/bluesky");
    process.env.BLUESKY_SERVICE_URL = "https://pds.example.org/";
    expect(service()).toBe("https://pds.example.org");
  });
});
