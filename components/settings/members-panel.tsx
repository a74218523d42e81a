"use client";
import { useActionState, useState, useTransition } from "react";
import { changeRoleAction, createInviteAction, removeMemberAction, revokeInviteAction } from "@/app/(app)/settings/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { ScrollBox } from "@/components/ui/scroll-box";
import type { FormState } from "@/lib/forms";

type Member = { id: string; userId: string; name: string | null; email: string; role: string; joinedAt: string };
type Invite = { id: string; role: string; expiresAt: string };
const ROLES = ["member", "admin", "owner"] as const;

export function MembersPanel({
  members,
  invites,
  currentUserId,
  role,
}: {
  members: Member[];
  invites: Invite[];
  currentUserId: string;
  role: string;
}) {
  const [invite, createInvite, creating] = useActionState<FormState, FormData>(createInviteAction, {});
  const [result, setResult] = useState<FormState>({});
  const [pending, start] = useTransition();
  const isOwner = role === "owner";
  const canInvite = isOwner || role === "admin";
  const act = (fn: () => Promise<FormState>) => start(async () => setResult(await fn()));

  return (
    <Card title="Members" description="Everyone in this organization and what they may do.">
      {result.error && (
        <div className="mb-3">
          <Alert>{result.error}</Alert>
        </div>
      )}
      {result.fields && (
        <div className="mb-3">
          <Alert>{Object.values(result.fields).join("; ")}</Alert>
        </div>
      )}
      <ScrollBox label="Members">
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 font-medium">Member</th>
              <th className="py-2 font-medium">Role</th>
              <th className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr key={m.id} data-testid="member-row">
                <td className="py-2.5">
                  <p className="font-medium">
                    {m.name ?? m.email}
                    {m.userId === currentUserId && " (you)"}
                  </p>
                  <p className="text-xs break-all text-slate-500">{m.email}</p>
                </td>
                <td className="py-2.5">
                  {isOwner ? (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={pending}
                      onChange={(e) => act(() => changeRoleAction(m.id, e.target.value))}
                      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className="capitalize" data-testid="member-role">
                      {m.role}
                    </span>
                  )}
                </td>
                <td className="py-2.5 text-right">
                  {isOwner && m.userId !== currentUserId && (
                    <Button variant="ghost" disabled={pending} onClick={() => act(() => removeMemberAction(m.id))}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>

      {canInvite && (
        <div className="mt-6 border-t border-slate-100 pt-4">
          <h3 className="text-sm font-semibold">Invite someone</h3>
          <p className="text-sm text-slate-500">Creates a link that works once and expires in 7 days.</p>
          <form action={createInvite} className="mt-3 flex flex-wrap items-end gap-3">
            <div className="w-44">
              <SelectField label="Role" name="role" defaultValue="member" error={invite.fields?.role}>
                {ROLES.filter((r) => isOwner || r !== "owner").map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </SelectField>
            </div>
            <Button type="submit" disabled={creating}>
              Create invite link
            </Button>
          </form>
          {invite.error && (
            <div className="mt-3">
              <Alert>{invite.error}</Alert>
            </div>
          )}
          {invite.ok && invite.message && (
            <div className="mt-3 space-y-1">
              <label htmlFor="invite-link" className="text-sm font-medium">
                Invite link (share it with the person you invite)
              </label>
              <div className="flex gap-2">
                <input
                  id="invite-link"
                  readOnly
                  value={invite.message}
                  onFocus={(e) => e.currentTarget.select()}
                  className="w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
                />
                <Button type="button" variant="secondary" onClick={() => navigator.clipboard?.writeText(invite.message!)}>
                  Copy
                </Button>
              </div>
            </div>
          )}
          {invites.length > 0 && (
            <ul className="mt-4 space-y-2" aria-label="Pending invitations">
              {invites.map((i) => (
                <li key={i.id} className="flex items-center justify-between rounded-md bg-slate-50 px-3 py-2 text-sm">
                  <span>
                    Pending invitation as <strong>{i.role}</strong>, expires {new Date(i.expiresAt).toLocaleDateString()}
                  </span>
                  <Button variant="ghost" disabled={pending} onClick={() => act(() => revokeInviteAction(i.id))}>
                    Revoke
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}
