// `npm run bench:counter`: the composer's live counters. Each keystroke recounts every selected
// channel's variant the platform's way (the same functions the server validates with). Here: 10
// channels (3 X, 2 Mastodon, 2 Bluesky, 3 LinkedIn) on a 5,000-character text with links,
// mentions, emoji and combining marks, over 2,000 simulated keystrokes. Prints figures; the last
// line is one JSON object. Target: 5 ms per keystroke.
// It also times everything the composer works out per keystroke for those 10 channels: fitting the
// shared text, every rule check (length, media, polls, settings) and each counter.
import { channelProblems, channelItems, visibleText } from "@/lib/composer/state";
import type { ComposerChannel, ComposerState, Descriptor } from "@/lib/composer/types";
import { countText, type CountingMethod } from "@/providers/core/counting";
import { allProviders, describeProvider } from "@/providers/registry";
import { percentile } from "./support";

const CHANNELS: CountingMethod[] = [
  "x-weighted",
  "x-weighted",
  "x-weighted",
  "mastodon",
  "mastodon",
  "graphemes",
  "graphemes",
  "chars",
  "chars",
  "chars",
];
const PIECES = [
  "Launch day! ",
  "https://example.com/products/new?ref=social ",
  "@alice@mastodon.social ",
  "👩‍👩‍👧‍👦 ",
  "🇫🇷 ",
  "e\u0301te\u0301 ",
  "#marketing ",
  "example.org/path ",
  "日本語のテキスト ",
  "plain words follow here. ",
];

function text(length: number): string {
  let s = "";
  for (let i = 0; s.length < length; i++) s += PIECES[i % PIECES.length];
  return s.slice(0, length);
}

const base = text(5000);
const times: number[] = [];
const WARM_UP = 200; // the first keystrokes compile the code; a session types thousands
let sink = 0;
for (let k = 0; k < 2000 + WARM_UP; k++) {
  // Typing at a moving cursor inside the text, as a user edits a long post.
  const at = (k * 37) % base.length;
  const t = base.slice(0, at) + "x".repeat(k % 5) + base.slice(at);
  const start = performance.now();
  for (const m of CHANNELS) sink += countText(m, t);
  if (k >= WARM_UP) times.push(performance.now() - start);
}
times.sort((a, b) => a - b);

// The composer's whole per-keystroke check over the same 10 channels.
const descriptors = new Map(allProviders().map((p) => [p.identifier, describeProvider(p) as Descriptor]));
const PROVIDERS = ["x", "x", "x", "mastodon", "mastodon", "bluesky", "bluesky", "linkedin", "linkedin", "linkedin-page"];
const channels: ComposerChannel[] = PROVIDERS.map((provider, i) => ({
  id: `c${i}`,
  name: `Channel ${i}`,
  provider,
  providerName: provider,
  badge: descriptors.get(provider)!.badge,
  picture: null,
  username: null,
  instanceUrl: null,
  status: "active",
  maxLength: null,
}));
const composer: number[] = [];
for (let k = 0; k < 2000 + WARM_UP; k++) {
  const at = (k * 37) % base.length;
  const state: ComposerState = {
    picked: channels.map((c) => c.id),
    global: [{ text: base.slice(0, at) + "x".repeat(k % 5) + base.slice(at), media: [] }],
    variants: {},
    settings: {},
    when: "2027-01-01T09:00",
  };
  const start = performance.now();
  for (const c of channels) {
    const d = descriptors.get(c.provider)!;
    sink += Object.keys(channelProblems(state, c, d)).length;
    for (const item of channelItems(state, c, d)) sink += countText(d.counting, visibleText(d, item.text));
  }
  if (k >= WARM_UP) composer.push(performance.now() - start);
}
composer.sort((a, b) => a - b);

const r = (n: number) => Math.round(n * 1000) / 1000;
const out = {
  channels: CHANNELS.length,
  text_chars: base.length,
  keystrokes: times.length,
  p50_ms: r(percentile(times, 50)),
  p95_ms: r(percentile(times, 95)),
  max_ms: r(times[times.length - 1]!),
  composer_checks_p50_ms: r(percentile(composer, 50)),
  composer_checks_p95_ms: r(percentile(composer, 95)),
  per_keystroke_ms: r(percentile(composer, 95)),
};
console.log(
  `counting ${out.channels} variants of a ${out.text_chars}-character text: p50 ${out.p50_ms} ms, p95 ${out.p95_ms} ms, max ${out.max_ms} ms per keystroke (target 5 ms)${sink < 0 ? "" : ""}`,
);
console.log(
  `all of the composer's checks and counters for those channels: p50 ${out.composer_checks_p50_ms} ms, p95 ${out.composer_checks_p95_ms} ms per keystroke (target 5 ms)`,
);
console.log(JSON.stringify(out));
