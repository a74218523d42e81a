import { apiRoute } from "@/lib/api/route";
import { allProviders, describeProvider } from "@/providers/registry";
import { sandboxMode } from "@/providers/core/hosts";

// GET /api/integrations - every platform's capabilities (editor, limits, media and poll rules,
// settings schema, auth kind) and whether this server is configured for it
export const GET = apiRoute(async () => ({ sandbox: sandboxMode(), providers: allProviders().map(describeProvider) }));
