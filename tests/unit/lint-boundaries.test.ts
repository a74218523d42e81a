import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The project's own ESLint config (eslint.config.mjs) on small snippets placed, by file path, on
// either side of a boundary: the emulator must not import the providers it checks, and production
// code must not import the emulator or test code.

const root = process.cwd();
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("lint boundaries", { timeout: 120_000 }, () => {
  it("refuses provider code inside the emulator, by alias or relative path", async () => {
    const errors = await boundaryErrors(
      "emulator/platforms/x/probe.ts",
      'import { graphemeCount } from "@/providers/core/counting";\nimport { isTid } from "../../../providers/bluesky/bluesky.rkey";\nexport const n = graphemeCount("a") + Number(isTid("b"));\n',
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/emulator shares no code with the providers/);
  });

  it("lets the emulator use its own kit", async () => {
    expect(
      await boundaryErrors(
        "emulator/platforms/x/probe.ts",
        'import { graphemes } from "@/emulator/kit/text";\nexport const n = graphemes("a");\n',
      ),
    ).toEqual([]);
  });

  it("refuses emulator and test code in production code, static or dynamic", async () => {
    const code =
      'import { startEmulator } from "@/emulator/server";\nimport { useEmulator } from "../../tests/helpers/emulator";\nexport const later = () => import("@/emulator/server");\nexport { startEmulator, useEmulator };\n';
    for (const file of ["lib/publishing/probe.ts", "providers/x/probe.ts", "app/api/probe/route.ts", "scripts/probe.ts"]) {
      const errors = await boundaryErrors(file, code);
      expect(errors, file).toHaveLength(3);
      expect(errors[0], file).toMatch(/must not import the emulator or test code/);
    }
  });

  it("allows it in tests and the emulator's own launcher", async () => {
    const code = 'import { startEmulator } from "@/emulator/server";\nexport { startEmulator };\n';
    for (const file of ["providers/x/probe.test.ts", "tests/integration/probe.test.ts", "scripts/emulator.ts"])
      expect(await boundaryErrors(file, code), file).toEqual([]);
  });
});
