import { json, type EmuResponse } from "../types";

// Each platform wraps its errors in its own envelope ({error} on Mastodon, {error, message} on
// XRPC, RFC 7807 problems on X, {status, code, message} on LinkedIn). A platform declares its
// envelope once as a function of the fields it varies, and answers every error through it.

export type Envelope<A extends unknown[]> = (status: number, ...fields: A) => EmuResponse;

export function envelope<A extends unknown[]>(body: (status: number, ...fields: A) => unknown): Envelope<A> {
  return (status, ...fields) => json(status, body(status, ...fields));
}

/** The same answer with more headers (rate-limit windows, Retry-After). */
export const withHeaders = (answer: EmuResponse, headers: Record<string, string>): EmuResponse => ({
  ...answer,
  headers: { ...answer.headers, ...headers },
});
