// Types for the one twitter-text module the Nostr notes import directly (see nostr.event.ts): the
// package's own types describe only its index.
declare module "twitter-text/dist/extractHashtags" {
  const extractHashtags: (text: string) => string[];
  export default extractHashtags;
}
