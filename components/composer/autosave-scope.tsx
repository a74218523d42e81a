"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Owner } from "@/lib/composer/autosave-store";

// Who the composer's autosave works for, handed down by the compose page (a context, so the
// composer's own props stay as they are): the organization and user its device copy is kept
// for, whether the opened post is a draft (only then may autosave write it to the server), and
// the server copy's mark the page read (lib/composer/autosave-store.ts serverMark).

export type AutosaveScope = { owner: Owner; draft: boolean; serverMark: string };

const Scope = createContext<AutosaveScope | null>(null);

export function AutosaveScopeProvider({ value, children }: { value: AutosaveScope; children: ReactNode }) {
  return <Scope.Provider value={value}>{children}</Scope.Provider>;
}

/** The page's scope, or null where the composer is shown without one (nothing is kept then). */
export const useAutosaveScope = () => useContext(Scope);
