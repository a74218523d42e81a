import { z } from "zod";
import { ProviderError } from "../core/errors";

// Reading Moltbook's answer to a create (POST /posts, POST /posts/{id}/comments). The shape varies
// by version (§2, §6): the object under `post`, `comment` or `data`. Instead of the object, or
// beside it, the answer may carry an AI-verification challenge: the post or comment stays pending
// until the agent answers POST /verify within minutes. Postmill does not solve these puzzles (doing
// it badly 10 times suspends the agent), so the target fails with what the user must do.

const created = z.object({ id: z.union([z.string().min(1), z.number()]).transform(String), url: z.string().nullish() });
const challenge = z.object({
  verification_code: z.string().min(1),
  challenge_text: z.string().optional(),
  expires_at: z.string().optional(),
});

type Answer = Record<string, unknown>;

/** The challenge in an answer: at the top, under `verification`, or as the `data`/`post` object itself. */
function challengeOf(answer: Answer, key: string): z.infer<typeof challenge> | undefined {
  for (const candidate of [answer.verification, (answer[key] as Answer | undefined)?.verification, answer.data, answer[key], answer]) {
    const c = challenge.safeParse(candidate);
    if (c.success) return c.data;
  }
  return undefined;
}

/** The created object's id (and URL when Moltbook gave one), or a ProviderError saying why there is none. */
export function createdFrom(
  raw: unknown,
  key: "post" | "comment",
  what: string,
  linkOf: (id: string) => string,
): { id: string; url: string } {
  const answer = (raw && typeof raw === "object" ? raw : {}) as Answer;
  const pending = challengeOf(answer, key);
  const obj = created.safeParse(answer[key] ?? answer.data);
  if (pending) {
    const where = obj.success ? ` It is at ${obj.data.url ?? linkOf(obj.data.id)} but stays hidden until then.` : "";
    const until = pending.expires_at ? ` before ${pending.expires_at}` : " within a few minutes";
    const puzzle = pending.challenge_text ? ` The challenge: "${pending.challenge_text.slice(0, 300)}".` : "";
    throw new ProviderError(
      "bad-body",
      `Moltbook asked the agent to solve a verification challenge before the ${what} goes live, which Postmill cannot answer.${where}` +
        ` To publish it, have the agent answer POST /verify with code ${pending.verification_code}${until}; otherwise it is never shown.${puzzle}` +
        " Do not simply retry: Moltbook may ask again, and 10 failed challenges suspend the agent.",
    );
  }
  if (!obj.success) throw new ProviderError("retry", `Moltbook's answer to the ${what} named no id`, { mayHavePublished: true });
  return { id: obj.data.id, url: obj.data.url?.startsWith("http") ? obj.data.url : linkOf(obj.data.id) };
}
