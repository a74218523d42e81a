import { describe, expect, it } from "vitest";
import { chunkRanges, contentRange, MB, planChunks } from "@/providers/tiktok/tiktok.chunks";
import { postIdsIn } from "@/providers/tiktok/tiktok.publish";

// TikTok's chunk rules (content-posting-api-media-transfer-guide): 5–64 MB chunks, the last up to
// 128 MB, total_chunk_count = floor(video_size / chunk_size) in 1..1000, under 5 MB whole.

describe("TikTok chunk arithmetic", () => {
  it("sends a video under 5 MB whole", () => {
    expect(planChunks(100_000)).toEqual({ videoSize: 100_000, chunkSize: 100_000, totalChunkCount: 1 });
    expect(chunkRanges(planChunks(100_000))).toEqual([{ index: 0, start: 0, end: 99_999 }]);
  });

  it("sends a video up to one chunk's size whole", () => {
    expect(planChunks(8 * MB)).toEqual({ videoSize: 8 * MB, chunkSize: 8 * MB, totalChunkCount: 1 });
  });

  it("counts floor(size / chunk) chunks, the last taking the trailing bytes", () => {
    const size = 25 * MB + 123;
    const plan = planChunks(size);
    expect(plan).toEqual({ videoSize: size, chunkSize: 10 * MB, totalChunkCount: 2 });
    const ranges = chunkRanges(plan);
    expect(ranges).toEqual([
      { index: 0, start: 0, end: 10 * MB - 1 },
      { index: 1, start: 10 * MB, end: size - 1 },
    ]);
    expect(contentRange(ranges[1]!, size)).toBe(`bytes ${10 * MB}-${size - 1}/${size}`);
    // Every byte once, in order.
    expect(ranges.reduce((n, r) => n + r.end - r.start + 1, 0)).toBe(size);
  });

  it("keeps every chunk within 5–64 MB, the last under 128 MB, and the count within 1,000", () => {
    for (const size of [5 * MB, 64 * MB + 1, 1024 * MB, 2047 * MB, 4096 * MB, 10_000 * MB]) {
      const plan = planChunks(size);
      const ranges = chunkRanges(plan);
      expect(plan.totalChunkCount).toBe(Math.floor(size / plan.chunkSize));
      expect(plan.totalChunkCount).toBeGreaterThanOrEqual(1);
      expect(plan.totalChunkCount).toBeLessThanOrEqual(1000);
      if (plan.totalChunkCount > 1) {
        expect(plan.chunkSize).toBeGreaterThanOrEqual(5 * MB);
        expect(plan.chunkSize).toBeLessThanOrEqual(64 * MB);
      }
      const last = ranges.at(-1)!;
      expect(last.end).toBe(size - 1);
      expect(last.end - last.start + 1).toBeLessThanOrEqual(128 * MB);
    }
  });

  it("refuses a size it cannot plan", () => {
    expect(() => planChunks(0)).toThrow(RangeError);
    expect(() => planChunks(1000 * 64 * MB * 2)).toThrow(/cannot be uploaded/);
  });
});

describe("post ids from the status answer", () => {
  it("keeps TikTok's int64 ids digit for digit (JSON.parse would round them)", () => {
    const text = '{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7340123456789012345]},"error":{"code":"ok"}}';
    expect(JSON.parse(text).data.publicaly_available_post_id[0].toString()).not.toBe("7340123456789012345");
    expect(postIdsIn(text)).toEqual(["7340123456789012345"]);
    expect(postIdsIn('{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[]}}')).toEqual([]);
    expect(postIdsIn('{"data":{"status":"PROCESSING_UPLOAD"}}')).toBeUndefined();
  });
});
