import "server-only";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { checkCredentials } from "@/lib/auth/credentials";
import { secureCookies } from "@/lib/auth/secure-cookies";
import { appUrl } from "@/lib/config/settings";
import { safeNext } from "@/lib/forms";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

// Server actions (sign-in, sign-out) build Auth.js's URLs and redirects from AUTH_URL, else from
// the Host header; when the operator named the public URL, that is the one to use.
if (process.env.APP_URL && !process.env.AUTH_URL) process.env.AUTH_URL = appUrl();

// Email + password sign-in with Auth.js v5. Credentials sign-in requires JWT sessions; the token
// holds only the user id, and every request re-reads the user and memberships from the database.
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  useSecureCookies: secureCookies(),
  session: { strategy: "jwt", maxAge: 30 * 86_400 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: (raw, request) => checkCredentials(raw, request.headers),
    }),
  ],
  callbacks: {
    // Only paths on this site: the last word on every redirect Auth.js makes (after sign-in or out).
    redirect({ url, baseUrl }) {
      const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
      return `${baseUrl}${safeNext(path)}`;
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
});
