import type { PlatformBadge, ProviderDescriptor } from "@/providers/social.integrations.interface";

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
