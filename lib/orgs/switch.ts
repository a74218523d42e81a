import { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors";
import type { ResolvedContext } from "@/lib/orgs/context";
import { idText, parseOrThrow } from "@/lib/validation";

const switchSchema = z.object({ organizationId: idText("organizationId must be an organization id") });

/** The organization a signed-in user may switch to: one they are a member of, else a refusal naming the field. */
export function switchOrganizationTarget(ctx: ResolvedContext | null, input: unknown): string {
  if (!ctx) throw new AppError("Sign in required", 401);
  const { organizationId } = parseOrThrow(switchSchema, { organizationId: input });
  if (!ctx.organizations.some((o) => o.id === organizationId)) {
    throw new ValidationError({ organizationId: "you are not a member of that organization" });
  }
  return organizationId;
}
