"use server";
import { revalidatePath } from "next/cache";
import { currentContext } from "@/lib/auth/current";
import { AppError, ValidationError } from "@/lib/errors";
import { formValues, idArgument, toFormState, type FormState } from "@/lib/forms";
import { resendDelivery, sendTestEvent } from "@/lib/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, revealSecret, rotateSecret, updateEndpoint } from "@/lib/webhooks/endpoints";

// Settings → Webhooks. Every action checks its arguments (any client can call it with anything),
// and the lib functions check the role (owners and admins) and the organization.

async function ctxOrThrow() {
  const ctx = await currentContext();
  if (!ctx) throw new AppError("Sign in required", 401);
  return ctx;
}

async function run(values: Record<string, string>, fn: () => Promise<FormState | void>): Promise<FormState> {
  try {
    const res = await fn();
    revalidatePath("/settings/webhooks", "layout");
    return { ok: true, ...(res ?? {}) };
  } catch (e) {
    return toFormState(e, values);
  }
}

/** The endpoint form: url, description, events ("all" or the ticked ones), channels (none ticked = all). */
function endpointInput(form: unknown, values: Record<string, string>): Record<string, unknown> {
  if (!(form instanceof FormData)) throw new ValidationError({ input: "Send the endpoint form" });
  const list = (k: string) => form.getAll(k).filter((v): v is string => typeof v === "string");
  const chosen = form.get("eventsMode") === "chosen";
  const events = chosen ? list("events") : [];
  if (chosen && events.length === 0) throw new ValidationError({ events: "Tick at least one event, or choose all events" });
  return { url: values.url, description: values.description, events, channelIds: list("channelIds") };
}

export async function createEndpointAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["url", "description"]);
  return run(values, async () => {
    const created = await createEndpoint(await ctxOrThrow(), endpointInput(form, values));
    // The secret is shown this once (admins can reveal it again on the endpoint's page).
    return { message: created.secret, values: { id: created.id } };
  });
}

export async function updateEndpointAction(_p: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ["id", "url", "description"]);
  return run(values, async () => {
    await updateEndpoint(await ctxOrThrow(), idArgument(values.id, "id"), endpointInput(form, values));
    return { message: "Endpoint saved", values };
  });
}

export async function setEndpointEnabledAction(id: unknown, enabled: unknown): Promise<FormState> {
  return run({}, async () => {
    if (typeof enabled !== "boolean") throw new ValidationError({ enabled: "enabled must be true or false" });
    await updateEndpoint(await ctxOrThrow(), idArgument(id, "id"), { enabled });
    return { message: enabled ? "Endpoint turned on" : "Endpoint turned off" };
  });
}

export async function deleteEndpointAction(id: unknown): Promise<FormState> {
  return run({}, async () => {
    await deleteEndpoint(await ctxOrThrow(), idArgument(id, "id"));
    return { message: "Endpoint deleted" };
  });
}

export async function revealSecretAction(id: unknown): Promise<FormState> {
  try {
    return { ok: true, message: await revealSecret(await ctxOrThrow(), idArgument(id, "id")) };
  } catch (e) {
    return toFormState(e);
  }
}

export async function rotateSecretAction(id: unknown): Promise<FormState> {
  return run({}, async () => ({ message: await rotateSecret(await ctxOrThrow(), idArgument(id, "id")) }));
}

export async function sendTestEventAction(id: unknown): Promise<FormState> {
  return run({}, async () => {
    const sent = await sendTestEvent(await ctxOrThrow(), idArgument(id, "id"));
    return { message: `Test event ${sent.id} queued` };
  });
}

export async function resendDeliveryAction(id: unknown): Promise<FormState> {
  return run({}, async () => {
    await resendDelivery(await ctxOrThrow(), idArgument(id, "id"));
    return { message: "Queued again" };
  });
}
