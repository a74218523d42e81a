/** A stored time as the server and the browser both render it (no locale, no time zone guess). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
