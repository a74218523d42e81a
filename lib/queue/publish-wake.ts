import "server-only";
import { EventEmitter } from "node:events";

// In-process signal from the code that schedules posts to this process's worker, so a post due
// sooner than the worker's next look at the schedule is still picked up on time. Other processes
// find it through pg-boss (NOTIFY for "now") and the worker's periodic look at the next due time.
const holder = globalThis as unknown as { __publishWake?: EventEmitter };
export const publishWake = (holder.__publishWake ??= new EventEmitter());

export function scheduleChanged(dueAt: Date | null): void {
  if (dueAt) publishWake.emit("due", dueAt);
}
