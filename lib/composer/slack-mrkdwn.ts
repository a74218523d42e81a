import { sanitizeHtml } from "@/lib/markup/sanitize-html";

// Slack's mrkdwn from rich text: *bold*, _italic_, ~strike~, `code`, ```blocks```, <url|label>
// links, "> " quotes and "• " list items, with &, < and > escaped as Slack asks ("Formatting text
// for app surfaces"). The HTML first goes through the slack-mrkdwn profile, so what is read here is
// the sanitiser's regular output: only its tags, attributes in double quotes, and every "<" in text
// escaped.

const MARK: Record<string, string> = { strong: "*", em: "_", s: "~", code: "`" };
const TOKEN = /<(\/?)([a-z0-9]+)((?: [a-z-]+="[^"]*")*) ?\/?>|[^<]+/g;

/** A URL as Slack's <url|label> takes it: the separators it uses may not appear raw in it. */
const slackUrl = (href: string) =>
  href
    .replace(/&quot;/g, "%22")
    .replace(/\|/g, "%7C")
    .replace(/&gt;/g, "%3E")
    .replace(/&lt;/g, "%3C");

export function htmlToSlackMrkdwn(html: string): string {
  const clean = sanitizeHtml(html, "slack-mrkdwn");
  // Buffers for the elements whose content is rewritten when they close (links, quotes).
  const out: string[][] = [[]];
  const links: string[] = [];
  const lists: { ordered: boolean; n: number }[] = [];
  let inPre = false;
  const write = (s: string) => out[out.length - 1]!.push(s);
  for (const m of clean.matchAll(TOKEN)) {
    const [all, slash, name, attrs] = m;
    if (!name) {
      // Text keeps the sanitiser's &amp; &lt; &gt;, which is Slack's escaping too.
      write(all.replace(/&quot;/g, '"'));
      continue;
    }
    if (name === "code" && inPre) continue;
    if (MARK[name]) write(MARK[name]!);
    else if (name === "pre") {
      inPre = !slash;
      write(slash ? "\n```\n" : "```\n");
    } else if (name === "br") write("\n");
    else if (name === "p") write(slash ? "\n\n" : "");
    else if (name === "ul" || name === "ol") {
      if (slash) {
        lists.pop();
        write("\n");
      } else lists.push({ ordered: name === "ol", n: 0 });
    } else if (name === "li") {
      const list = lists[lists.length - 1];
      if (slash) write("\n");
      else write(`${"    ".repeat(Math.max(0, lists.length - 1))}${list?.ordered ? `${++list.n}.` : "•"} `);
    } else if (name === "a") {
      if (!slash) {
        links.push(/ href="([^"]*)"/.exec(attrs ?? "")?.[1] ?? "");
        out.push([]);
      } else {
        const label = out.pop()!.join("").trim();
        const href = links.pop() ?? "";
        write(!href ? label : label && label !== href ? `<${slackUrl(href)}|${label.replace(/\|/g, "/")}>` : `<${slackUrl(href)}>`);
      }
    } else if (name === "blockquote") {
      if (!slash) out.push([]);
      else {
        const body = out.pop()!.join("").trim();
        write(
          `${body
            .split("\n")
            .map((l) => `> ${l}`)
            .join("\n")}\n\n`,
        );
      }
    }
  }
  return out[0]!
    .join("")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
