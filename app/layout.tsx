import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Postmill", template: "%s · Postmill" },
  description: "Schedule and publish social media posts across every platform, self-hosted.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its inline scripts need that request's CSP nonce
  // (proxy.ts), which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
