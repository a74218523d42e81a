import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SettingsForm } from "@/components/composer/settings-form";

// First render of the composer's settings form for fields whose choices come from the channel (no
// browser here): the fetched choices as a select or checkboxes, the loading and error states, and
// the current value kept while it is not in the list.

const schema = z.toJSONSchema(
  z.object({
    category: z.string().meta({ title: "Category", choices: "channel" }),
    tags: z.array(z.string()).optional().meta({ title: "Tags", choices: "channel" }),
  }),
  { unrepresentable: "any", io: "input" },
);
const listed = [
  { value: "1", label: "News" },
  { value: "2", label: "Releases" },
];

function render(values: Record<string, unknown>, seed: (c: QueryClient) => void) {
  // Not refetched on mount: the render shows the state the cache holds (a browser refetches first).
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, retryOnMount: false } } });
  seed(client);
  const form = createElement(SettingsForm, { idPrefix: "s-c1", channelId: "c1", schema, values, onChange: () => {}, errors: {} });
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, form));
}

describe("settings form: choices read from the channel", () => {
  it("offers the fetched choices: a select for one, checkboxes for several, the chosen ones selected", () => {
    const html = render({ category: "2", tags: ["1"] }, (c) => {
      c.setQueryData(["settings-choices", "c1", "category"], { choices: listed });
      c.setQueryData(["settings-choices", "c1", "tags"], { choices: listed });
    });
    expect(html).toMatch(/<label for="s-c1-category"[^>]*>Category \(required\)<\/label><select id="s-c1-category"/);
    expect(html).toContain(
      '<option value="">Choose…</option><option value="1">News</option><option value="2" selected="">Releases</option>',
    );
    expect(html).toMatch(/<fieldset id="s-c1-tags"[^>]*><legend[^>]*>Tags<\/legend>/);
    expect(html).toMatch(/<input type="checkbox" checked=""\/>News/);
    expect(html).toMatch(/<input type="checkbox"\/>Releases/);
    expect(html).not.toContain("Loading");
  });

  it("says it is loading, and keeps the current value offered meanwhile", () => {
    const html = render({ category: "42" }, () => {});
    expect(html).toContain("Loading the choices from this channel…");
    expect(html).toContain('<option value="42" selected="">42</option>');
  });

  it("shows the server's reason when the choices cannot be read, with a way to try again", () => {
    const html = render({ category: "42" }, (c) => {
      for (const field of ["category", "tags"])
        c.getQueryCache()
          .build(c, { queryKey: ["settings-choices", "c1", field] })
          .setState({ status: "error", error: new Error("Choicy is not answering right now"), fetchStatus: "idle" });
    });
    expect(html).toMatch(
      /role="alert"[^>]*>Could not load the choices: Choicy is not answering right now <button[^>]*>Try again<\/button>/,
    );
    expect(html).toContain('<option value="42" selected="">42</option>');
  });
});
