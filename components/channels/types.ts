import type { CustomField, PlatformBadge, ProviderDescriptor } from "@/providers/social.integrations.interface";

export type Channel = {
  id: string;
  provider: string;
  providerName: string;
  badge: PlatformBadge;
  name: string;
  username: string | null;
  picture: string | null;
  status: "active" | "refresh_needed" | "pending" | "disabled";
  instanceUrl: string | null;
  maxLength: number | null;
};

export type Descriptor = ProviderDescriptor;

/** Whether a platform connects with a typed form (credentials, or a bot's chat id) rather than a sign-in. */
export function connectsWithForm(d: Descriptor): boolean {
  return d.auth.kind === "fields" || d.auth.kind === "bot";
}

/** The form a platform connects with; empty for sign-in platforms. */
export function formFields(d: Descriptor): CustomField[] {
  return d.auth.kind === "fields" || d.auth.kind === "bot" ? d.auth.fields : [];
}

/** Whether a platform's bot links a chat by a one-time code shown on the page, instead of a form. */
export function linksWithCode(d: Descriptor): boolean {
  return d.auth.kind === "bot" && !!d.auth.link;
}
