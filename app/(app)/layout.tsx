import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageContext } from "@/lib/auth/current";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await requirePageContext();
  return (
    <AppShell user={ctx.user} organizations={ctx.organizations} activeOrgId={ctx.organizationId}>
      {children}
    </AppShell>
  );
}
