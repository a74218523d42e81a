import { rulesText } from "@/lib/composer/rules-text";
import { hostOf, missingEnv } from "./hosts";
import type { CustomField, InstanceField, PlatformManifest } from "./manifest";

// The parts of a manifest that depend on this server's environment (hosts, credentials), read
// at call time so tests and the sandbox can change them.

/** The connection form of a "fields" or "bot" platform, each field's host-following default resolved. */
export function connectFields(m: PlatformManifest): CustomField[] {
  if (m.auth.kind !== "fields" && m.auth.kind !== "bot") return [];
  return m.auth.fields.map(({ defaultHost, ...f }) => (defaultHost ? { ...f, defaultValue: hostOf(m, defaultHost) } : f));
}

export function instanceFieldOf(m: PlatformManifest): InstanceField | undefined {
  return m.auth.kind === "instance-oauth" ? m.auth.instanceField : undefined;
}

export function scopesOf(m: PlatformManifest): string[] {
  return "scopes" in m.auth ? m.auth.scopes : [];
}

export { missingEnv, rulesText };
