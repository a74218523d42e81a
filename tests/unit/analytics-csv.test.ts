import { describe, expect, it } from "vitest";
import { yAxis } from "@/components/analytics/chart-scale";
import { csvFile, toCsv } from "@/components/analytics/csv";

describe("CSV export", () => {
  it("writes numbers as they are, no data as an empty cell, and quotes what needs it", () => {
    expect(
      toCsv(
        ["day", "value"],
        [
          ["2026-11-01", 1234.5],
          ["2026-11-02", null],
        ],
      ),
    ).toBe("day,value\r\n2026-11-01,1234.5\r\n2026-11-02,\r\n");
    expect(toCsv(["text"], [['He said "hi", twice']])).toBe('text\r\n"He said ""hi"", twice"\r\n');
  });

  it("keeps a spreadsheet from running text that looks like a formula", () => {
    expect(toCsv(["text"], [['=HYPERLINK("x")'], ["-1 for this"], [-1]])).toBe(`text\r\n"'=HYPERLINK(""x"")"\r\n'-1 for this\r\n-1\r\n`);
    expect(toCsv(["text"], [["\t=1+2"], ["\r=1+2"], ["+1"], ["@SUM(A1)"], ["a\t=b"]])).toBe(
      `text\r\n'\t=1+2\r\n"'\r=1+2"\r\n'+1\r\n'@SUM(A1)\r\na\t=b\r\n`,
    );
  });

  it("starts the downloaded file with a UTF-8 byte-order mark, once", async () => {
    const bytes = new Uint8Array(await csvFile(toCsv(["text"], [["café 🎉"]])).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("\uFEFFtext\r\ncafé 🎉\r\n");
  });
});

describe("chart axis", () => {
  it("starts bars at zero with whole-number ticks for counts", () => {
    expect(yAxis([3, 7, 12], true)).toEqual({ min: 0, max: 15, ticks: [0, 5, 10, 15] });
    expect(yAxis([0, 0], true).ticks).toEqual([0, 1]);
  });

  it("fits a line around its values and centres a single one", () => {
    const a = yAxis([7420], false);
    expect(a.min).toBeLessThan(7420);
    expect(a.max).toBeGreaterThan(7420);
  });
});
