// One error vocabulary. Expected failures carry a readable message, an HTTP status and, for bad
// input, the field they are about; anything else is unexpected and shown generically.

export class AppError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly field?: string,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** Bad input: one message per field, each naming the field and the rule it broke. */
export class ValidationError extends AppError {
  constructor(readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([f, m]) => `${f}: ${m}`)
        .join("; "),
      422,
      Object.keys(fields)[0],
    );
    this.name = "ValidationError";
  }
}

export const notFound = (what: string) => new AppError(`${what} not found`, 404);
export const forbidden = (why: string) => new AppError(why, 403);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
