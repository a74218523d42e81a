import { envelope } from "@/emulator/kit/envelope";

// Ghost's error body (@tryghost/errors serialised by its API layer): an array of one error with
// its message, context, type and code; the HTTP status is the type's.
export const ghostError = envelope((_status, type: string, message: string, extra: { context?: string; code?: string } = {}) => ({
  errors: [
    {
      message,
      context: extra.context ?? null,
      type,
      details: null,
      property: null,
      help: null,
      code: extra.code ?? null,
      id: "00000000-0000-4000-8000-000000000000",
      ghostErrorCode: null,
    },
  ],
}));
