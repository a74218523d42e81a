import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import farcasterEmulator from "@/emulator/platforms/farcaster";
import { PENDING_PREFIX, signerFor } from "@/emulator/platforms/farcaster/signers";
import type { Emulator } from "@/emulator/server";
import { ValidationError } from "@/lib/errors";
import { ProviderError } from "@/providers/core/errors";
import { idemOf } from "@/providers/farcaster/farcaster.cast";
import { FarcasterProvider } from "@/providers/farcaster/farcaster.provider";
import type { ChannelAccess } from "@/providers/social.integrations.interface";
import { useEmulator } from "@/tests/helpers/emulator";

// Farcaster at the provider seam, against the emulated Neynar API: connecting with a signer
// (approved, pending, unknown, with a wrong API key), casts with embeds, a channel and the idem
// key, a thread of replies, the byte limit in Neynar's words, counts and the channel choices.

const farcaster = new FarcasterProvider();
let emu: Emulator;

async function connect(username: string): Promise<ChannelAccess> {
  const auth = await farcaster.connectWithFields({ signerUuid: signerFor(username) });
  return { id: `ch-${username}`, internalId: auth.id, username: auth.username, accessToken: auth.accessToken, profile: auth.profile };
}
const castsOf = (text: string) => emu.state.posts.filter((p) => p.platform === "farcaster" && p.text === text);

beforeAll(async () => {
  emu = await useEmulator([farcasterEmulator]);
});
afterAll(() => emu.stop());
afterEach(() => {
  delete process.env.NEYNAR_API_KEY;
  emu.state.faults = [];
});

describe("connecting with a signer UUID", () => {
  it("checks the signer is approved and reads the account by its fid", async () => {
    const auth = await farcaster.connectWithFields({ signerUuid: ` ${signerFor("alice")} ` });
    expect(auth.accessToken).toBe(signerFor("alice"));
    expect(auth.id).toMatch(/^\d+$/);
    expect(auth.username).toMatch(/^emu-[0-9a-f]{8}$/);
    expect(auth.name).toMatch(/^Emulated caster \d+$/);
    expect(auth.picture).toMatch(/^https:\/\//);
    expect(auth.profile).toEqual({ fid: Number(auth.id), username: auth.username });
  });

  it("refuses a signer still waiting for approval, naming its status, on the signer field", async () => {
    const e = (await farcaster.connectWithFields({ signerUuid: signerFor("bob", PENDING_PREFIX) }).catch((x) => x)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.signerUuid).toMatch(/This signer is pending_approval, not approved: approve it in the Farcaster app/);
  });

  it("refuses an unknown signer with Neynar's words, and a malformed or missing one before asking", async () => {
    const unknown = (await farcaster
      .connectWithFields({ signerUuid: "00000000-0000-4000-8000-000000000000" })
      .catch((x) => x)) as ValidationError;
    expect(unknown.fields.signerUuid).toBe("Signer not found");
    const malformed = (await farcaster.connectWithFields({ signerUuid: "not-a-uuid" }).catch((x) => x)) as ValidationError;
    expect(malformed.fields.signerUuid).toMatch(/8-4-4-4-12 hexadecimal digits/);
    const missing = (await farcaster.connectWithFields({}).catch((x) => x)) as ValidationError;
    expect(missing.fields.signerUuid).toMatch(/Enter the signer UUID/);
  });

  it("refuses when Neynar refuses the server's API key, saying the operator must check it", async () => {
    process.env.NEYNAR_API_KEY = "not-the-key";
    const e = (await farcaster.connectWithFields({ signerUuid: signerFor("carol") }).catch((x) => x)) as ValidationError;
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.signerUuid).toBe("Invalid API key");
  });
});

describe("casting", () => {
  it("sends the text, the embeds by URL, the channel and the idem key, and links the cast", async () => {
    const ch = await connect("dora");
    const text = "gm from the scheduler ☀️";
    const made = await farcaster.post(
      ch,
      {
        text,
        media: [
          { url: "https://img.example/a.png", mimeType: "image/png", alt: "a sun" },
          { url: "https://img.example/b.gif", mimeType: "image/gif" },
        ],
      },
      { channel: "neynar" },
      { idempotencyKey: "target-1:0" },
    );
    const [rec] = castsOf(text);
    expect(made.id).toBe(rec!.id);
    expect(made.id).toMatch(/^0x[0-9a-f]{40}$/);
    expect(made.url).toBe(`${emu.url}/farcaster/${ch.username}/${made.id}`);
    expect(made.ref).toEqual({ hash: made.id, fid: ch.internalId });
    expect(made.warnings).toEqual(["Farcaster casts have no alt text: the images' descriptions were not sent"]);
    expect(rec).toMatchObject({ media: ["https://img.example/a.png", "https://img.example/b.gif"], idempotencyKey: idemOf("target-1:0") });
    expect(rec!.extra).toEqual({ channel: "neynar" });
    // The link opens the cast.
    expect((await fetch(made.url)).status).toBe(200);
  });

  it("repeats a cast whose answer was lost with the same idem key: one cast, the same hash", async () => {
    const ch = await connect("erin");
    const text = "said once";
    const first = await farcaster.post(ch, { text }, {}, { idempotencyKey: "target-2:0" });
    const again = await farcaster.post(ch, { text }, {}, { idempotencyKey: "target-2:0" });
    expect(again.id).toBe(first.id);
    expect(castsOf(text)).toHaveLength(1);
  });

  it("threads replies: each names the cast before it as parent and is not put in the channel again", async () => {
    const ch = await connect("finn");
    const first = await farcaster.post(ch, { text: "thread 1" }, { channel: "farcaster" });
    const second = await farcaster.comment(ch, { text: "thread 2" }, first, first, { channel: "farcaster" });
    const third = await farcaster.comment(ch, { text: "thread 3" }, second, first, { channel: "farcaster" });
    expect(castsOf("thread 2")[0]!.replyTo).toBe(first.id);
    expect(castsOf("thread 3")[0]!.replyTo).toBe(second.id);
    expect(castsOf("thread 3")[0]!.extra).toEqual({});
    expect(third.url).toContain(third.id);
  });

  it("fails a cast over 1,024 bytes and an unknown channel with Neynar's words (bad-body)", async () => {
    const ch = await connect("gus");
    // 342 three-byte characters: 1,026 bytes, though only 342 characters.
    const long = (await farcaster.post(ch, { text: "€".repeat(342) }, {}).catch((x) => x)) as ProviderError;
    expect(long).toBeInstanceOf(ProviderError);
    expect(long).toMatchObject({ kind: "bad-body", message: "Text is too long: at most 1024 bytes" });
    const channel = (await farcaster.post(ch, { text: "to nowhere" }, { channel: "nope" }).catch((x) => x)) as ProviderError;
    expect(channel).toMatchObject({ kind: "bad-body", message: "Channel not found: nope" });
    expect(castsOf("to nowhere")).toHaveLength(0);
  });

  it("refuses a media-library file without a public address before calling Neynar", async () => {
    const ch = await connect("hana");
    const e = (await farcaster
      .post(ch, { text: "with a file", media: [{ path: "x.png", mimeType: "image/png" }] }, {})
      .catch((x) => x)) as ProviderError;
    expect(e).toMatchObject({ kind: "bad-body" });
    expect(e.message).toMatch(/public address/);
    expect(castsOf("with a file")).toHaveLength(0);
  });

  it("flags a revoked signer as disconnect", async () => {
    const ch = await connect("ivan");
    const grantId = emu.state.accessTokens.get(ch.accessToken)!.grantId;
    emu.state.grants.get(grantId)!.revoked = true;
    const e = (await farcaster.post(ch, { text: "after revoking" }, {}).catch((x) => x)) as ProviderError;
    expect(e).toMatchObject({ kind: "disconnect" });
    expect(e.message).toMatch(/Signer is not approved \(status: revoked\).*connect the account again/);
  });
});

describe("reading back", () => {
  it("reads a cast's likes, recasts and replies", async () => {
    const ch = await connect("jo");
    const made = await farcaster.post(ch, { text: "count me" }, {});
    await farcaster.comment(ch, { text: "a reply" }, made, made, {});
    const counts = await farcaster.postAnalytics(ch, made.id);
    expect(Object.keys(counts).sort()).toEqual(["likes", "replies", "reposts"]);
    expect(counts.replies).toBeGreaterThanOrEqual(1);
  });

  it("lists the channels the account is active in as choices", async () => {
    const ch = await connect("kim");
    const choices = await farcaster.settingsChoices(ch, "channel");
    expect(choices).toContainEqual({ value: "neynar", label: "Neynar (/neynar)" });
    expect(choices.length).toBeGreaterThan(1);
  });
});
