import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { createPost, updatePost } from "@/lib/posts/operations";
import { makeOwner } from "../helpers/factories";

// A media link on a private address is refused when the post is saved, with the field named,
// not only hours later when the worker tries to fetch it.
let owner: Awaited<ReturnType<typeof makeOwner>>;
let channelId = "";
const saved = process.env.ALLOW_PRIVATE_NETWORK;

beforeAll(async () => {
  owner = await makeOwner("media-link");
  const channel = await owner.db.integration.create({
    data: {
      organizationId: owner.organizationId,
      provider: "mastodon",
      internalId: `acct-${owner.organizationId}`,
      name: "Acme on Mastodon",
      accessToken: "secret",
      instanceUrl: "https://mastodon.example",
    },
  });
  channelId = channel.id;
});
beforeEach(() => {
  delete process.env.ALLOW_PRIVATE_NETWORK;
});
afterEach(() => {
  if (saved === undefined) delete process.env.ALLOW_PRIVATE_NETWORK;
  else process.env.ALLOW_PRIVATE_NETWORK = saved;
});

const withMedia = (url: string, mode: "draft" | "schedule" = "schedule") => ({
  mode,
  publishAt: new Date(Date.now() + 3_600_000),
  targets: [
    {
      channelId,
      items: [
        { text: "look", media: [{ url: "https://8.8.8.8/ok.png" }] },
        { text: "and this", media: [{ url }] },
      ],
    },
  ],
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected the post to be refused");
    },
    (e: Error) => e,
  );

describe("media links when a post is saved", () => {
  it.each([
    "http://[::ffff:127.0.0.1]:8080/pic.png",
    "http://127.0.0.1/pic.png",
    "http://localhost/pic.png",
    "http://169.254.169.254/latest/meta-data.png",
    "http://[fd00::1]/a.png",
    "http://100.64.0.1/a.png",
  ])("refuses %s, naming the field", async (url) => {
    const e = await refusal(createPost(owner, withMedia(url)));
    expect(e).toBeInstanceOf(ValidationError);
    expect(Object.keys((e as ValidationError).fields)).toEqual(["targets.0.items.1.media.0.url"]);
    expect(e.message).toMatch(/^targets\.0\.items\.1\.media\.0\.url: media link refused: .*private network address/);
  });

  it("refuses it in a draft and on an edit too", async () => {
    expect(await refusal(createPost(owner, withMedia("http://[::ffff:7f00:1]/a.png", "draft")))).toBeInstanceOf(ValidationError);
    const { id } = await createPost(owner, withMedia("https://8.8.4.4/fine.png", "draft"));
    expect(await refusal(updatePost(owner, id, withMedia("http://10.0.0.5/a.png", "draft")))).toBeInstanceOf(ValidationError);
  });

  it("accepts public addresses, and private ones where the operator allows private networks", async () => {
    await expect(createPost(owner, withMedia("https://1.1.1.1/pic.png"))).resolves.toHaveProperty("id");
    process.env.ALLOW_PRIVATE_NETWORK = "1";
    await expect(createPost(owner, withMedia("http://127.0.0.1:8080/pic.png"))).resolves.toHaveProperty("id");
  });
});
