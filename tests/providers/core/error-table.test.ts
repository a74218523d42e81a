import { describe, expect, it } from "vitest";
import { errorTable, serverError } from "@/providers/core/error-table";

// The table helper itself; the platforms' own unit tests (x.units, linkedin.unit, mastodon.unit,
// bluesky.unit) are the proof that each migrated table answers exactly as the code it replaced.

const classify = errorTable({
  rows: [
    { code: ["invalid_grant", "invalid_client"], kind: "disconnect", message: (f) => `Refused: ${f.text}` },
    { status: 401, kind: "refresh-token" },
    { status: 422, match: /processing/i, kind: "retry" },
    { status: 422, kind: "bad-body" },
    { status: 429, kind: "retry", retryAfterMs: () => 60_000 },
    { status: serverError, when: (f) => f.body.transient === true, kind: "retry" },
  ],
});
const json = (o: unknown) => JSON.stringify(o);

describe("errorTable", () => {
  it("matches the documented code field, whatever the status", () => {
    expect(classify(json({ error: "invalid_grant", error_description: "Code expired" }), 400)).toEqual({
      kind: "disconnect",
      message: "Refused: Code expired",
    });
  });

  it("tries rows in order: a narrower row before the general one for the same status", () => {
    expect(classify(json({ error: "Media still processing" }), 422)).toEqual({ kind: "retry", message: "Media still processing" });
    expect(classify(json({ error: "Text too long" }), 422)).toEqual({ kind: "bad-body", message: "Text too long" });
  });

  it("carries retryAfterMs only when the row gives one", () => {
    expect(classify("{}", 429)).toEqual({ kind: "retry", message: "{}", retryAfterMs: 60_000 });
    expect(classify("", 401)).toEqual({ kind: "refresh-token", message: "HTTP 401" });
  });

  it("a status test and a `when` on the parsed body must both hold", () => {
    expect(classify(json({ transient: true, message: "busy" }), 503)).toEqual({ kind: "retry", message: "busy" });
    expect(classify(json({ message: "broken" }), 503)).toBeUndefined();
  });

  it("a body that is not JSON is read as text and matched by status only", () => {
    expect(classify("<html>Bad gateway</html>", 401)).toEqual({ kind: "refresh-token", message: "<html>Bad gateway</html>" });
    expect(classify("<html>nope</html>", 400)).toBeUndefined();
  });
});
