import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createPost } from "@/lib/posts/operations";
import type { StoredItem } from "@/lib/posts/schemas";
import { makeOwner } from "../helpers/factories";

// A post's link card choice is saved on its item, and checked like everything else: it must be a
// link of the item's text, and on a platform that sends cards not a private address.
let owner: Awaited<ReturnType<typeof makeOwner>>;
let bluesky = "";
let x = "";
const saved = process.env.ALLOW_PRIVATE_NETWORK;

beforeAll(async () => {
  owner = await makeOwner("link-card-save");
  const make = (provider: string) =>
    owner.db.integration.create({
      data: {
        organizationId: owner.organizationId,
        provider,
        internalId: `acct-${provider}-${owner.organizationId}`,
        name: `Acme on ${provider}`,
        accessToken: "secret",
      },
    });
  bluesky = (await make("bluesky")).id;
  x = (await make("x")).id;
});
beforeEach(() => {
  delete process.env.ALLOW_PRIVATE_NETWORK;
});
afterEach(() => {
  if (saved === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = saved;
});

const post = (channelId: string, text: string, linkCard: unknown) => ({
  mode: "draft" as const,
  targets: [{ channelId, items: [{ text, linkCard }, { text: "and a reply" }] }],
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the post to be refused");
    },
    (e: Error) => e as ValidationError,
  );
const itemsOf = async (postId: string) =>
  (await owner.db.postTarget.findMany({ where: { postId } })).map((t) => (t.items as StoredItem[])[0]!.linkCard);

describe("a post's link card when it is saved", () => {
  it("keeps the chosen link, and a removed card as null, on every platform", async () => {
    const text = "two links: https://1.1.1.1/a and https://8.8.8.8/b";
    const chosen = await createPost(owner, post(bluesky, text, { url: "https://8.8.8.8/b" }));
    expect(await itemsOf(chosen.id)).toEqual([{ url: "https://8.8.8.8/b" }]);
    const removed = await createPost(owner, post(x, text, null));
    expect(await itemsOf(removed.id)).toEqual([null]);
    const none = await createPost(owner, post(bluesky, text, undefined));
    expect(await itemsOf(none.id)).toEqual([undefined]);
  });

  it("refuses a link that is not in the item's text, naming the field", async () => {
    const e = await refusal(createPost(owner, post(bluesky, "see https://1.1.1.1/a", { url: "https://9.9.9.9/elsewhere" })));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields).toEqual({ "targets.0.items.0.linkCard.url": expect.stringMatching(/must be one of the links in this item's text/) });
  });

  it("refuses a malformed one through the schema", async () => {
    const e = await refusal(createPost(owner, post(bluesky, "see ftp://a.example/", { url: "ftp://a.example/" })));
    expect(Object.keys(e.fields)).toEqual(["targets.0.items.0.linkCard.url"]);
  });

  it("refuses a private address where the card is read by this server, unless private networks are allowed", async () => {
    const text = "local http://127.0.0.1:8080/page";
    const e = await refusal(createPost(owner, post(bluesky, text, { url: "http://127.0.0.1:8080/page" })));
    expect(e.fields["targets.0.items.0.linkCard.url"]).toMatch(/^link card refused: .*private network address/);
    // X makes its own cards: nothing here reads the page, so the choice is only kept.
    await expect(createPost(owner, post(x, text, { url: "http://127.0.0.1:8080/page" }))).resolves.toHaveProperty("id");
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    await expect(createPost(owner, post(bluesky, text, { url: "http://127.0.0.1:8080/page" }))).resolves.toHaveProperty("id");
  });
});
