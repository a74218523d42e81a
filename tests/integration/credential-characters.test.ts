import { describe, expect, it } from "vitest";
import { connectWithFields } from "@/lib/channels/connect";
import { AppError } from "@/lib/errors";
import { httpClient } from "@/providers/core/transport";
import { allProviders } from "@/providers/registry";
import { recipeOf } from "../helpers/channels";
import { makeOwner } from "../helpers/factories";

// A key or token typed into a connect form goes into an HTTP header, which carries only Latin-1
// bytes: one pasted with an emoji or a combining accent must be refused as the user's input (a
// 4xx saying what to fix), never thrown as a 500 by the header code; a platform that sends it in a
// body or as Basic auth (base64) carries it intact. Every form-connected platform is tried, found
// through its manifest.

// A bot linked by a code shown on the page has no form (tests/providers/telegram covers its link).
// A platform that is not offered refuses every connection before reading a value (tests/integration/availability.test.ts).
const FORM = allProviders().filter(
  (p) =>
    (p.manifest.auth.kind === "fields" || (p.manifest.auth.kind === "bot" && !p.manifest.auth.link)) &&
    p.manifest.availability?.status !== "unavailable",
);

describe("a credential with characters no header can carry", () => {
  it.each(FORM.map((p) => [p.identifier, p] as const))(
    "is refused as input on %s's connect form, or sent intact; never a 500 from the header code",
    async (id, p) => {
      const owner = await makeOwner(`cred-${id}`);
      const values = (await recipeOf(id)).fields!("http://127.0.0.1:9", "someone");
      for (const f of p.customFields()) if (f.type === "password") values[f.key] = "key-𝕏-e\u0301";
      expect(p.customFields().some((f) => f.type === "password")).toBe(true);
      const send = httpClient.send;
      const sent: string[] = [];
      httpClient.send = async (url) => {
        sent.push(url);
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
      };
      try {
        const e = await connectWithFields(owner, id, values).then(
          () => expect.unreachable("expected a refusal"),
          (err: unknown) => err,
        );
        expect(e).toBeInstanceOf(AppError);
        // Either refused as the user's input before anything was sent, or carried intact (in a body, or
        // Basic auth's base64) to the server, which here refuses the connection: a 4xx naming the
        // server field the user typed (nothing listens there), never the header code's 500.
        if (sent.length === 0) expect((e as AppError).status).toBeLessThan(500);
        else {
          expect((e as AppError).status).toBe(422);
          expect((e as AppError).message).toMatch(/^\w+: Nothing answers at 127\.0\.0\.1:9: check the address and port$/);
        }
      } finally {
        httpClient.send = send;
      }
    },
  );

  it("says what to fix, where the platform sends the token as it was typed (Hashnode)", async () => {
    const owner = await makeOwner("cred-words");
    const send = httpClient.send;
    let calls = 0;
    httpClient.send = async () => {
      calls++;
      throw new Error("not expected");
    };
    try {
      const e = await connectWithFields(owner, "hashnode", { token: "𝕏" }).catch((err: unknown) => err);
      expect(e).toMatchObject({
        status: 400,
        message: "Hashnode: the key or token has characters that cannot be sent (check that it was pasted exactly); nothing was saved",
      });
      expect(calls).toBe(0);
    } finally {
      httpClient.send = send;
    }
  });
});
