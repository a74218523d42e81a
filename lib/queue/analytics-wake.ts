import "server-only";
import { EventEmitter } from "node:events";

// Tells the analytics scheduler in this process that a collection was asked for (a connect or
// "refresh now"), so it queues it at once instead of at its next round.
const holder = globalThis as unknown as { __analyticsWake?: EventEmitter };
export const analyticsWake = (holder.__analyticsWake ??= new EventEmitter().setMaxListeners(50));
