import type { MediaKindRules } from "./manifest";

// The pixel rule of one kind of file (manifest media.<kind>.dimensions), as words for the user.
// Pure and browser-safe: the composer, the server's check on save and a provider at publish time
// (for files given by link, measured only once downloaded) all say the same thing.

const size = (w: number, h: number) => `${w}×${h}`;

/** Why a file of `width`×`height` breaks the rule, or undefined when it fits (or the rule has no dimensions). */
export function dimensionProblem(rule: Pick<MediaKindRules, "dimensions">, width: number, height: number): string | undefined {
  const d = rule.dimensions;
  if (!d) return undefined;
  if (d.exact?.length && !d.exact.some((e) => e.width === width && e.height === height))
    return `is ${size(width, height)} pixels; it must be exactly ${d.exact.map((e) => size(e.width, e.height)).join(" or ")} pixels`;
  if ((d.minWidth && width < d.minWidth) || (d.minHeight && height < d.minHeight))
    return `is ${size(width, height)} pixels; it must be at least ${size(d.minWidth ?? 0, d.minHeight ?? 0)} pixels`;
  if ((d.maxWidth && width > d.maxWidth) || (d.maxHeight && height > d.maxHeight))
    return `is ${size(width, height)} pixels; it must be at most ${size(d.maxWidth ?? width, d.maxHeight ?? height)} pixels`;
  return undefined;
}
