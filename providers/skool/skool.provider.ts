import { ProviderError, type HandledError } from "../core/errors";
import { ManifestProvider } from "../core/manifest-provider";
import type { AuthResult, ChannelAccess, PostItem, PublishedItem, SocialProvider } from "../social.integrations.interface";
import { SKOOL_UNAVAILABLE_REASON, skoolManifest } from "./skool.manifest";
import type { SkoolSettings } from "./skool.settings";

// Skool (../shared/platforms/skool.md) is declared unavailable: the app refuses to connect it before
// reaching this class (lib/channels/connect.ts). The methods still answer, with the same reason and
// without calling Skool, so a caller that bypasses that check gets a clear refusal, never a pretend
// connection or post.

const refusal = () => new ProviderError("bad-body", `Skool is not offered: ${SKOOL_UNAVAILABLE_REASON}`);

export class SkoolProvider extends ManifestProvider<SkoolSettings> implements SocialProvider<SkoolSettings> {
  readonly manifest = skoolManifest;

  async connectWithFields(_values: Record<string, string>): Promise<AuthResult & { credentials?: Record<string, string> }> {
    throw refusal();
  }

  async post(_channel: ChannelAccess, _item: PostItem, _settings: SkoolSettings): Promise<PublishedItem> {
    throw refusal();
  }

  // Nothing is ever sent to Skool, so there is no answer to read.
  handleErrors(_body: string, _status: number): HandledError | undefined {
    return undefined;
  }
}
