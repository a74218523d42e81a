import { createServer, type IncomingHttpHeaders, type Server } from "node:http";

// A feed publisher on 127.0.0.1 for the feed tests: RSS 2.0 at /rss.xml and Atom at /atom.xml,
// whose items the test changes between polls. Each document has an ETag; a request that sends the
// current one back gets 304 Not Modified. /broken answers 500, /page an HTML page
// and /huge a 6 MB document.

export type TestItem = { id: string; title: string; summary?: string; author?: string; date?: string; noGuid?: boolean };
export type FeedServer = {
  url: string;
  items: TestItem[];
  title: string;
  /** When set, /rss.xml and /atom.xml answer this HTTP status instead of the feed. */
  failWith?: number;
  /** Every request, with its path, headers and answer status. */
  hits: { path: string; headers: IncomingHttpHeaders; status: number }[];
  stop: () => Promise<void>;
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function rss(server: FeedServer): string {
  const items = server.items
    .map(
      (
        i,
      ) => `<item><title>${esc(i.title)}</title><link>${server.url}/posts/${i.id}</link>${i.noGuid ? "" : `<guid isPermaLink="false">${i.id}</guid>`}
<description><![CDATA[<p>${i.summary ?? ""}</p>]]></description>${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ""}
<pubDate>${new Date(i.date ?? "2026-12-01T10:00:00Z").toUTCString()}</pubDate></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${esc(server.title)}</title><link>${server.url}/</link>
<description>Test feed</description>${items}</channel></rss>`;
}

function atom(server: FeedServer): string {
  const entries = server.items
    .map(
      (i) => `<entry><title>${esc(i.title)}</title><id>urn:test:${i.id}</id><link rel="alternate" href="${server.url}/posts/${i.id}"/>
<updated>${i.date ?? "2026-12-01T10:00:00Z"}</updated><author><name>${esc(i.author ?? "Atom author")}</name></author>
<summary type="html">${esc(`<p>${i.summary ?? ""}</p>`)}</summary></entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(server.title)}</title><id>urn:test:feed</id><updated>2026-12-01T10:00:00Z</updated>${entries}</feed>`;
}

export async function startFeedServer(title = "Test feed", items: TestItem[] = []): Promise<FeedServer> {
  const server: FeedServer = {
    url: "",
    title,
    items,
    hits: [],
    stop: () => new Promise((ok) => http.close(() => ok())),
  };
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const answer = (status: number, headers: Record<string, string> = {}, body = "") => {
      server.hits.push({ path, headers: req.headers, status });
      res.writeHead(status, headers).end(body);
    };
    if (path === "/huge") return answer(200, { "content-type": "application/rss+xml" }, `<rss>${" ".repeat(6 * 1024 * 1024)}</rss>`);
    if (path === "/broken") return answer(500, { "content-type": "text/plain" }, "oops");
    if (path === "/page")
      return answer(200, { "content-type": "text/html" }, "<!doctype html><html><body><h1>Not a feed</h1></body></html>");
    const render = path === "/rss.xml" ? rss : path === "/atom.xml" ? atom : null;
    if (!render) return answer(404, { "content-type": "text/plain" }, "not found");
    if (server.failWith) return answer(server.failWith, { "content-type": "text/plain" }, "unavailable");
    const body = render(server);
    const etag = `"${hash(body)}-${body.length}"`;
    if (req.headers["if-none-match"] === etag) return answer(304, { etag });
    answer(200, { "content-type": path === "/rss.xml" ? "application/rss+xml; charset=utf-8" : "application/atom+xml", etag }, body);
  });
  await new Promise<void>((ok) => http.listen(0, "127.0.0.1", () => ok()));
  server.url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  return server;
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
