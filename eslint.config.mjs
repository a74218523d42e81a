import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Module boundaries. The emulator checks the providers against the platforms' documentation, so it
// shares no code with them (it would agree with their bugs); production code never loads the
// emulator or test code. Sandbox mode starting the emulator is the one allowed exception, marked
// where it happens (scripts/start.ts).
const inside = (dir) => `^(@/|(\\.{1,2}/)+)${dir}(/|$)`;
const PRODUCTION = ["app/**", "components/**", "lib/**", "providers/**", "scripts/**", "instrumentation.ts", "proxy.ts"];
const NOT_PRODUCTION = ["**/*.test.ts", "**/*.test.tsx", "scripts/emulator.ts"];
const intoProduction = {
  regex: `${inside("emulator")}|${inside("tests")}`,
  message: "Production code must not import the emulator or test code (sandbox mode's one start of the emulator is in scripts/start.ts).",
};
export const boundaries = [
  {
    files: ["emulator/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: inside("providers"),
              message: "The emulator shares no code with the providers it checks: implement it from the platform's documentation.",
            },
          ],
        },
      ],
    },
  },
  {
    files: PRODUCTION,
    ignores: NOT_PRODUCTION,
    rules: {
      "no-restricted-imports": ["error", { patterns: [intoProduction] }],
      // no-restricted-imports sees static imports only; import("...") is checked here.
      "no-restricted-syntax": [
        "error",
        { selector: `ImportExpression[source.value=/${intoProduction.regex.replaceAll("/", "\\/")}/]`, message: intoProduction.message },
      ],
    },
  },
];

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      ".data/**",
      ".tmp/**",
      "tests/peers/node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...boundaries,
];

export default config;
