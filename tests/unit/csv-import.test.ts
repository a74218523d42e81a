import { describe, expect, it } from "vitest";
import { matchChannel, type ImportChannel } from "@/lib/imports/channel-match";
import { planColumns } from "@/lib/imports/columns";
import { MAX_CSV_ROWS, readCsv } from "@/lib/imports/csv-read";
import { parseWhen } from "@/lib/imports/dates";
import { columnFor, planRow } from "@/lib/imports/rows";
import { csvCell, spreadsheetSafe, templateCsv } from "@/lib/imports/template";
import { ValidationError } from "@/lib/errors";
import { allProviders } from "@/providers/registry";

// The CSV import's reading and mapping, apart from the database: the file, the dates and zones
// (DST included), which channel a name means, and how a row becomes the composer's post input.

const providers = allProviders();
const byId = new Map(providers.map((p) => [p.identifier, p]));
const ch = (id: string, provider: string, name: string, username: string | null, instanceUrl: string | null = null): ImportChannel => ({
  id,
  provider,
  providerName: byId.get(provider)!.name,
  name,
  username,
  instanceUrl,
});
const channels = [
  ch("c_x", "x", "Acme", "acme"),
  ch("c_bsky", "bluesky", "Acme", "acme.bsky.social"),
  ch("c_masto1", "mastodon", "Acme Social", "news", "https://mastodon.example"),
  ch("c_masto2", "mastodon", "Acme Social", "news", "https://other.example"),
  ch("c_dev", "devto", "Dev blog", "acmedev"),
];

const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields;
  }
  throw new Error("not refused");
};

describe("reading the file", () => {
  it("drops a BOM, detects semicolons, keeps quoted line breaks and the spreadsheet's row numbers, skips empty rows", () => {
    const t = readCsv(
      '\uFEFFdate;channels;text\n2026-12-10 09:00;x:acme;"two\nlines; one cell"\n\n;;\n2026-12-11 09:00;Acme Social;"say ""hi"""\n',
    );
    expect(t.header).toEqual(["date", "channels", "text"]);
    expect(t.rows.map((r) => r.row)).toEqual([2, 5]);
    expect(t.rows[0]!.cells[2]).toBe("two\nlines; one cell");
    expect(t.rows[1]!.cells[2]).toBe('say "hi"');
  });

  it("refuses an empty file, a broken quote and too many rows, each with a clear message", () => {
    expect(refused(() => readCsv("\uFEFF  \n")).csv).toMatch(/empty/);
    expect(refused(() => readCsv("date,channels,text\n")).csv).toMatch(/no posts/);
    expect(refused(() => readCsv('date,channels,text\n2026-12-10 09:00,x,"open quote\n')).csv).toMatch(/not valid CSV/);
    const many = "date,channels,text\n" + "2026-12-10 09:00,x,hi\n".repeat(MAX_CSV_ROWS + 1);
    expect(refused(() => readCsv(many)).csv).toMatch(/more than 20,000 rows/);
    expect(refused(() => readCsv("text\n" + "a".repeat(6 * 1024 * 1024))).csv).toMatch(/larger than 5 MB/);
  });
});

describe("dates", () => {
  const at = (raw: string, zone = "UTC") => {
    const r = parseWhen(raw, zone);
    if ("error" in r) throw new Error(r.error);
    return r.at.toISOString();
  };
  it("reads offsets, Z, named zones and bare wall times in the given zone", () => {
    expect(at("2026-12-10T09:00:00+01:00")).toBe("2026-12-10T08:00:00.000Z");
    expect(at("2026-12-10 09:00Z")).toBe("2026-12-10T09:00:00.000Z");
    expect(at("2026-12-10T09:00-0500")).toBe("2026-12-10T14:00:00.000Z");
    expect(at("2026-12-10 09:00 Europe/Paris")).toBe("2026-12-10T08:00:00.000Z");
    expect(at("2026-12-10T09:00[America/New_York]")).toBe("2026-12-10T14:00:00.000Z");
    expect(at("2026-12-10 09:00", "Asia/Tokyo")).toBe("2026-12-10T00:00:00.000Z");
  });
  it("follows daylight saving time: summer and winter offsets, a skipped hour refused, a repeated hour's first occurrence", () => {
    expect(at("2026-07-01 09:00", "America/New_York")).toBe("2026-07-01T13:00:00.000Z");
    expect(at("2026-03-07 09:00", "America/New_York")).toBe("2026-03-07T14:00:00.000Z");
    expect(at("2026-03-09 09:00", "America/New_York")).toBe("2026-03-09T13:00:00.000Z");
    const gap = parseWhen("2026-03-08 02:30", "America/New_York");
    expect("error" in gap && gap.error).toMatch(/does not exist in America\/New_York/);
    expect(at("2026-11-01 01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
  });
  it("refuses what is not a date, an impossible day, an unknown zone and dates out of range", () => {
    for (const [raw, rule] of [
      ["10/12/2026 09:00", /not a date and time/],
      ["2026-02-30 09:00", /not a real date/],
      ["2026-12-10 25:00", /not a real date/],
      ["2026-12-10 09:00 Mars/Olympus", /not a time zone/],
      ["1999-12-31T09:00:00Z", /outside the dates/],
    ] as const) {
      const r = parseWhen(raw, "UTC");
      expect("error" in r && r.error, raw).toMatch(rule);
    }
    expect("error" in parseWhen("2026-12-10 09:00", "Nowhere/Else")).toBe(true);
  });
});

describe("channels", () => {
  const id = (ref: string) => {
    const m = matchChannel(ref, channels);
    return "channel" in m ? m.channel.id : m.error;
  };
  it("finds a channel by id, handle (with or without @), address, name or platform:name", () => {
    expect(id("c_dev")).toBe("c_dev");
    expect(id("@acme.bsky.social")).toBe("c_bsky");
    expect(id("acmedev")).toBe("c_dev");
    expect(id("@news@mastodon.example")).toBe("c_masto1");
    expect(id("dev blog")).toBe("c_dev");
    expect(id("x:Acme")).toBe("c_x");
    expect(id("Bluesky:acme")).toBe("c_bsky");
    expect(id("'@acme.bsky.social")).toBe("c_bsky");
  });
  it("refuses an ambiguous name naming every candidate, and an unknown or foreign id", () => {
    expect(id("Acme")).toMatch(/could be 2 channels: Acme \(X, @acme\) \[c_x\]; Acme \(Bluesky, @acme\.bsky\.social\) \[c_bsky\]/);
    expect(id("@news")).toMatch(/could be 2 channels.*mastodon\.example.*other\.example/);
    expect(id("c_other_org")).toMatch(/no channel "c_other_org" in this organization/);
  });
});

describe("columns and rows", () => {
  const header = [
    "date",
    "timezone",
    "channels",
    "text",
    "text:x",
    "text:@acme.bsky.social",
    "media",
    "setting:mastodon:sensitive",
    "setting:devto:title",
    "mode",
  ];
  const { columns, problems } = planColumns(header, channels, providers);
  const row = (cells: string[], zone = "UTC") => planRow({ row: 7, cells }, columns, channels, byId, zone, header.length);

  it("refuses unknown, duplicate and malformed columns by name, and names the missing ones", () => {
    expect(problems).toEqual([]);
    const bad = planColumns(
      ["Date", "date", "body", "text:nowhere", "setting:x", "setting:x:nope", "setting:devto:title"],
      channels,
      providers,
    );
    expect(bad.problems.map((p) => p.column)).toEqual(["date", "body", "text:nowhere", "setting:x", "setting:x:nope", "channels", "text"]);
    expect(bad.problems.find((p) => p.column === "setting:x:nope")!.message).toMatch(
      /X has no setting "nope"; its settings are replySettings, communityId/,
    );
  });

  it("gives each channel its own text (channel column, else platform column, else text), media and its platform's settings", () => {
    const plan = row([
      "2026-12-10 09:00",
      "Europe/Paris",
      "x:acme | acme.bsky.social|c_masto1|Dev blog",
      "Shared text",
      "For X",
      "For the Bluesky account",
      "https://cdn.example/a.png | https://cdn.example/b.png",
      "true",
      "My article",
      "",
    ]);
    expect(plan.errors).toEqual([]);
    const input = plan.input!;
    expect(input.mode).toBe("schedule");
    expect(input.publishAt!.toISOString()).toBe("2026-12-10T08:00:00.000Z");
    expect(input.targets.map((t) => [t.channelId, t.items[0]!.text])).toEqual([
      ["c_x", "For X"],
      ["c_bsky", "For the Bluesky account"],
      ["c_masto1", "Shared text"],
      ["c_dev", "Shared text"],
    ]);
    expect(input.targets[0]!.items[0]!.media).toEqual([{ url: "https://cdn.example/a.png" }, { url: "https://cdn.example/b.png" }]);
    expect(input.targets[2]!.settings).toEqual({ sensitive: true });
    expect(input.targets[3]!.settings).toEqual({ title: "My article" });
    expect(input.targets[0]!.settings).toEqual({});
    expect(columnFor("targets.0.items.0.text", plan, columns)).toBe("text:x");
    expect(columnFor("targets.2.items.0.text", plan, columns)).toBe("text");
    expect(columnFor("targets.3.settings.title", plan, columns)).toBe("setting:devto:title");
    expect(columnFor("targets.1.items.0.media.1", plan, columns)).toBe("media");
    expect(columnFor("targets.1.channelId", plan, columns)).toBe("channels");
    expect(columnFor("publishAt", plan, columns)).toBe("date");
  });

  it("reads a bare time in the user's zone when the row gives none, and takes drafts without a date", () => {
    const plan = row(["2026-12-10 09:00", "", "c_x", "hi", "", "", "", "", "", ""], "America/New_York");
    expect(plan.input!.publishAt!.toISOString()).toBe("2026-12-10T14:00:00.000Z");
    const draft = row(["", "", "c_x", "hi", "", "", "", "", "", "Draft"]);
    expect(draft.errors).toEqual([]);
    expect(draft.input).toMatchObject({ mode: "draft", publishAt: undefined });
  });

  it("names the row and column of each problem", () => {
    const plan = row(["next tuesday", "", "Acme|nobody|c_x|c_x", "hi", "", "", "", "", "", "later", "stray"]);
    expect(plan.input).toBeUndefined();
    expect(plan.errors.map((e) => [e.row, e.column])).toEqual([
      [7, "column 11"],
      [7, "mode"],
      [7, "date"],
      [7, "channels"],
      [7, "channels"],
      [7, "channels"],
    ]);
    expect(plan.errors[1]!.message).toMatch(/"later" is not a mode/);
    expect(plan.errors[5]!.message).toMatch(/names c_x twice/);
    const zone = row(["2026-12-10 09:00", "Mars/Olympus", "c_x", "hi", "", "", "", "", "", ""]);
    expect(zone.errors.map((e) => e.column)).toEqual(["timezone"]);
  });
});

describe("template", () => {
  it("lists the organization's channels, one example row each, with formula-like names neutralised", () => {
    const evil = ch("c_evil", "x", '=HYPERLINK("http://evil")', null);
    const csv = templateCsv([...channels.slice(0, 1), evil, channels[4]!], byId, "Europe/Paris", new Date("2026-12-01T12:00:00Z"));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const t = readCsv(csv);
    expect(t.header).toEqual(["date", "timezone", "channels", "mode", "text", "media", "text:x", "text:devto", "setting:devto:title"]);
    expect(t.rows.map((r) => r.cells[2])).toEqual(["x:acme", 'x:=HYPERLINK("http://evil")', "devto:acmedev"]);
    expect(t.rows[0]!.cells[0]).toBe("2026-12-02 09:00");
    expect(spreadsheetSafe("=1+1")).toBe("'=1+1");
    expect(spreadsheetSafe("+1")).toBe("'+1");
    expect(spreadsheetSafe("-1")).toBe("'-1");
    expect(spreadsheetSafe("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(spreadsheetSafe("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
  });
});
