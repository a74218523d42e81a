// Types for the one twitter-text module the counters import directly (see url-ranges.ts): the
// package's own types describe only its index, which pulls in every other part of the library.
declare module "twitter-text/dist/extractUrlsWithIndices" {
  import type { UrlWithIndices } from "twitter-text";
  const extractUrlsWithIndices: (text: string, options?: { extractUrlsWithoutProtocol?: boolean }) => UrlWithIndices[];
  export default extractUrlsWithIndices;
}
