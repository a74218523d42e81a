"use client";
import { useState, type ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/actions";
import { clearAllLocal } from "@/lib/composer/autosave-store";
import { NavLinks } from "./nav-links";
import { OrgSwitcher } from "./org-switcher";

type Props = {
  children: ReactNode;
  user: { name: string | null; email: string };
  organizations: { id: string; name: string; role: string }[];
  activeOrgId: string;
};

// Sidebar navigation on wide screens; a top bar with a menu button on narrow ones.
export function AppShell({ children, user, organizations, activeOrgId }: Props) {
  const [open, setOpen] = useState(false);
  const sidebar = (
    <nav aria-label="Main" className="flex h-full flex-col gap-6 py-5">
      <span className="px-3 text-xl font-bold tracking-tight text-brand-700">Postmill</span>
      <OrgSwitcher organizations={organizations} activeId={activeOrgId} />
      <div className="px-2">
        <NavLinks onNavigate={() => setOpen(false)} />
      </div>
      <div className="mt-auto space-y-2 border-t border-slate-200 px-3 pt-4">
        <p className="truncate text-sm font-medium text-slate-800" data-testid="current-user">
          {user.name ?? user.email}
        </p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
        {/* The composer's unsent copies stay on a device only while someone is signed in on it. */}
        <form action={signOutAction} onSubmit={() => clearAllLocal(window.localStorage)}>
          <button type="submit" className="text-sm font-medium text-slate-600 hover:text-slate-900">
            Sign out
          </button>
        </form>
      </div>
    </nav>
  );
  return (
    <div className="min-h-screen md:flex">
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block">{sidebar}</aside>
      <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
        <span className="text-lg font-bold text-brand-700">Postmill</span>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((o) => !o)}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        >
          Menu
        </button>
      </header>
      {open && (
        <div id="mobile-nav" className="border-b border-slate-200 bg-white md:hidden">
          {sidebar}
        </div>
      )}
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">{children}</main>
    </div>
  );
}
