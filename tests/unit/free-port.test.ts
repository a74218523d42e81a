import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portFromEnv } from "@/scripts/free-port.mjs";

// scripts/test.mjs gives the browser tests' app and emulator ports nothing uses (unless
// E2E_PORT / E2E_EMULATOR_PORT say which): the suite once failed whenever 3100 was taken.

const listen = (port: number) =>
  new Promise<Server | null>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(null)); // already taken by something else: just as good
    s.listen(port, "127.0.0.1", () => resolve(s));
  });
const canListen = async (port: number) => {
  const s = await listen(port);
  await new Promise((r) => (s ? s.close(r) : r(null)));
  return s !== null;
};

describe("ports for the browser tests", () => {
  const held: (Server | null)[] = [];
  beforeAll(async () => {
    held.push(await listen(3100), await listen(3400)); // the old fixed app and emulator ports
  });
  afterAll(async () => {
    await Promise.all(held.map((s) => new Promise((r) => (s ? s.close(r) : r(null)))));
  });

  it("with 3100 and 3400 taken, picks two other, distinct ports that are free", async () => {
    const app = await portFromEnv({}, "E2E_PORT");
    const emulator = await portFromEnv({}, "E2E_EMULATOR_PORT", [app]);
    expect([3100, 3400]).not.toContain(app);
    expect([3100, 3400]).not.toContain(emulator);
    expect(emulator).not.toBe(app);
    expect(await canListen(app)).toBe(true);
    expect(await canListen(emulator)).toBe(true);
  });

  it("honours E2E_PORT / E2E_EMULATOR_PORT, and names the variable when it is not a port", async () => {
    expect(await portFromEnv({ E2E_PORT: "3600" }, "E2E_PORT")).toBe(3600);
    await expect(portFromEnv({ E2E_EMULATOR_PORT: "http://x" }, "E2E_EMULATOR_PORT")).rejects.toThrow(
      /E2E_EMULATOR_PORT must be a port number/,
    );
    await expect(portFromEnv({ E2E_PORT: "70000" }, "E2E_PORT")).rejects.toThrow(/E2E_PORT must be a port number/);
  });
});
