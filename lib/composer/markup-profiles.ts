// Moved to lib/markup/profiles.ts (posts and the composer both use it, so it sits below both).
// providers/ still imports it from here; once those two imports point at lib/markup, delete this.
export * from "@/lib/markup/profiles";
