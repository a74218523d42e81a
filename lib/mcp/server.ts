import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ApiKeyContext } from "@/lib/api-keys/keys";
import { problemFor } from "@/lib/api/v1/problem";
import { inputJsonSchema, TOOLS, type ToolContext } from "./tools";

// One MCP server per request (stateless): it knows the request's key, so every tool acts in that
// key's organization with its scopes. Refusals (bad input, a channel's rule, a missing scope, a
// post that is not found) are tool results with isError and the field and rule in words, which an
// assistant can read and correct; nothing a client sends ends the session.

export const MCP_INSTRUCTIONS =
  "Postmill schedules social media posts. Call list_channels first: each channel's platform rules say what a post may contain. find_free_slots proposes times (a channel's posting schedule when it has one); create_post saves a draft, schedules or publishes; add_to_queue puts a post in each channel's next free schedule slot; get_analytics and list_failures report.";

function refusal(e: unknown, tool: string): CallToolResult {
  const p = problemFor(e, `mcp:${tool}`).body;
  // A validation detail is the fields joined; listed one per line instead, it reads better.
  const text = p.errors?.length
    ? [`${p.title} (${p.status}), fix these fields:`, ...p.errors.map((x) => `- ${x.field}: ${x.message}`)].join("\n")
    : `${p.title} (${p.status}): ${p.detail}`;
  return { isError: true, content: [{ type: "text", text }], structuredContent: { error: p } };
}

export function mcpServerFor(ctx: ApiKeyContext, timeZone: string): Server {
  const server = new Server({ name: "postmill", version: "1.0.0" }, { capabilities: { tools: {} }, instructions: MCP_INSTRUCTIONS });
  const t: ToolContext = { ctx, timeZone };
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: TOOLS.map((tool) => ({ name: tool.name, description: tool.description, inputSchema: inputJsonSchema(tool) })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req): Promise<CallToolResult> => {
    const tool = TOOLS.find((x) => x.name === req.params.name);
    if (!tool)
      return {
        isError: true,
        content: [{ type: "text", text: `Unknown tool "${req.params.name}"; the tools are ${TOOLS.map((x) => x.name).join(", ")}` }],
      };
    const args = req.params.arguments ?? {};
    const needed = [tool.scope, tool.extraScope?.(args)?.scope].filter((s) => s !== undefined);
    const missing = needed.find((s) => !ctx.apiKey.scopes.includes(s));
    if (missing) {
      const why = missing === tool.scope ? `to call ${tool.name}` : tool.extraScope!(args)!.why;
      const text = `Missing scope (403): this API key ("${ctx.apiKey.name}", scopes: ${ctx.apiKey.scopes.join(", ")}) lacks the "${missing}" scope, needed ${why}`;
      return { isError: true, content: [{ type: "text", text }] };
    }
    try {
      const result = await tool.run(t, args);
      return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }], structuredContent: result as Record<string, unknown> };
    } catch (e) {
      return refusal(e, tool.name);
    }
  });
  return server;
}
