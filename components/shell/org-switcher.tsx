"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { switchOrganizationAction } from "@/app/(app)/actions";

type Org = { id: string; name: string; role: string };

export function OrgSwitcher({ organizations, activeId }: { organizations: Org[]; activeId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  if (organizations.length < 2) {
    return (
      <p className="truncate px-3 text-sm font-semibold text-slate-800" title={organizations[0]?.name}>
        {organizations[0]?.name}
      </p>
    );
  }
  return (
    <div className="px-3">
      <label htmlFor="org-switcher" className="block text-xs font-medium text-slate-500">
        Organization
      </label>
      <select
        id="org-switcher"
        value={activeId}
        disabled={pending}
        onChange={(e) =>
          start(async () => {
            const res = await switchOrganizationAction(e.target.value);
            setError(res.fields?.organizationId ?? res.error);
            if (res.ok) router.refresh();
          })
        }
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
