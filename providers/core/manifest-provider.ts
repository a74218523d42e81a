import type { z } from "zod";
import { SocialAbstract } from "../social.abstract";
import type { CountingMethod } from "./counting";
import type {
  AuthKind,
  CustomField,
  EditorKind,
  InstanceField,
  MediaRules,
  PlatformBadge,
  PlatformManifest,
  PollRules,
  PublishSafety,
  ThreadRules,
} from "./manifest";
import { connectFields, instanceFieldOf, missingEnv, rulesText, scopesOf } from "./manifest-runtime";

// The base of every platform's provider class: SocialAbstract's guarded fetch(), and every
// capability field of SocialProvider read from `manifest` (providers/<id>/<id>.manifest.ts), so a
// platform declares its capabilities once, as data.
export abstract class ManifestProvider<Settings = unknown> extends SocialAbstract {
  abstract readonly manifest: PlatformManifest<Settings>;

  get identifier(): string {
    return this.manifest.identifier;
  }
  get name(): string {
    return this.manifest.name;
  }
  get badge(): PlatformBadge {
    return this.manifest.badge;
  }
  get authKind(): AuthKind {
    return this.manifest.auth.kind;
  }
  get scopes(): string[] {
    return scopesOf(this.manifest as PlatformManifest);
  }
  get editor(): EditorKind {
    return this.manifest.editor;
  }
  get markup(): PlatformManifest["markup"] {
    return this.manifest.markup;
  }
  get counting(): CountingMethod {
    return this.manifest.counting;
  }
  get maxConcurrentJob(): number {
    return this.manifest.maxConcurrentJob;
  }
  get concurrencyGroup(): string | undefined {
    return this.manifest.concurrencyGroup;
  }
  get oneTimeToken(): boolean {
    return this.manifest.oneTimeToken;
  }
  get threads(): ThreadRules | undefined {
    return this.manifest.threads;
  }
  get polls(): PollRules | undefined {
    return this.manifest.polls;
  }
  get media(): MediaRules {
    return this.manifest.media;
  }
  get settings(): z.ZodType<Settings> {
    return this.manifest.settings;
  }
  get analyticsSupport(): { account: boolean; post: boolean } {
    return this.manifest.analytics;
  }
  get publishSafety(): PublishSafety {
    return this.manifest.publishSafety;
  }
  get instanceField(): InstanceField | undefined {
    return instanceFieldOf(this.manifest as PlatformManifest);
  }
  /** Generated from the manifest's numbers, never written by hand. */
  get rules(): string {
    return rulesText(this.manifest);
  }

  /** The platform's limit; a provider whose servers set their own reads the channel's (Mastodon). */
  maxLength(_channel?: { profile?: Record<string, unknown> | null }): number {
    return this.manifest.maxLength;
  }

  missingConfig(): string[] {
    return missingEnv(this.manifest);
  }

  customFields(): CustomField[] {
    return connectFields(this.manifest as PlatformManifest);
  }
}
