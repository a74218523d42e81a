import { describe, expect, it } from "vitest";
import { ProviderError } from "@/providers/core/errors";
import { createdFrom } from "@/providers/moltbook/moltbook.answer";

// Moltbook's create answers in the shapes its versions use (§2, §6), and the AI-verification
// challenge, which is never answered: the target fails saying what the user must do.

const link = (id: string) => `https://www.moltbook.com/post/${id}`;

function refusal(raw: unknown): ProviderError {
  try {
    createdFrom(raw, "post", "post", link);
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error("accepted");
}

describe("reading a create answer", () => {
  it("reads {post} (the open-source server, Postiz) and links /post/{id}", () => {
    expect(createdFrom({ success: true, post: { id: "5f1c", title: "t", url: null } }, "post", "post", link)).toEqual({
      id: "5f1c",
      url: "https://www.moltbook.com/post/5f1c",
    });
  });

  it("reads {data} with Moltbook's own URL (hivebook)", () => {
    const answer = { success: true, data: { id: "post_xyz789", url: "https://www.moltbook.com/m/builders/post_xyz789" } };
    expect(createdFrom(answer, "post", "post", link)).toEqual({
      id: "post_xyz789",
      url: "https://www.moltbook.com/m/builders/post_xyz789",
    });
  });

  it("reads {comment}", () => {
    expect(createdFrom({ success: true, comment: { id: "c1" } }, "comment", "comment", () => "https://p")).toEqual({
      id: "c1",
      url: "https://p",
    });
  });

  it("an answer without an id may still have made the post: retry-kind, marked possibly published", () => {
    const e = refusal({ success: true });
    expect(e.kind).toBe("retry");
    expect(e.details.mayHavePublished).toBe(true);
  });
});

describe("a verification challenge instead of a live post", () => {
  const challenge = {
    verification_code: "vc_abc123",
    challenge_text: "A] LoOoObSsStEr^ SwIiImS aT/ tWeNnTyy",
    expires_at: "2026-04-01T10:05:00Z",
  };

  it("the documented {data: challenge} answer fails the target, telling the user how to complete it", () => {
    const e = refusal({ success: true, data: challenge });
    expect(e.kind).toBe("bad-body");
    expect(e.message).toContain("verification challenge");
    expect(e.message).toContain("POST /verify with code vc_abc123 before 2026-04-01T10:05:00Z");
    expect(e.message).toContain('"A] LoOoObSsStEr^ SwIiImS aT/ tWeNnTyy"');
    expect(e.message).toContain("10 failed challenges suspend the agent");
  });

  it("a pending post beside its challenge is named with its link", () => {
    const e = refusal({ success: true, post: { id: "p9", verification_status: "pending" }, verification: challenge });
    expect(e.kind).toBe("bad-body");
    expect(e.message).toContain("It is at https://www.moltbook.com/post/p9 but stays hidden until then.");
  });
});
