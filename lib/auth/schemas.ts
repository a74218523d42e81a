import { z } from "zod";
import { isValidTimeZone, safeText } from "@/lib/validation";

// Input schemas shared by the forms and the server.
export const PASSWORD_MIN = 10;

export const emailField = z
  .string({ error: "Email is required" })
  .trim()
  .toLowerCase()
  .min(1, "Email is required")
  .pipe(z.email({ error: "Email must be a valid email address, like name@example.com" }));

export const timeZoneField = z
  .string()
  .trim()
  .refine(isValidTimeZone, { error: "Time zone must be an IANA time zone such as Europe/Paris" });

export const signUpSchema = z.object({
  name: safeText("Name is required").trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  email: emailField,
  password: z
    .string({ error: "Password is required" })
    .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
    .max(200, "Password must be at most 200 characters"),
  timezone: timeZoneField.optional().or(z.literal("").transform(() => undefined)),
  invite: safeText()
    .max(200, "Invitation is not a valid link")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type SignUpInput = z.input<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Password is required"),
});

export const profileSchema = z.object({
  name: safeText("Name is required").trim().min(1, "Name is required").max(100, "Name must be at most 100 characters"),
  timezone: timeZoneField,
});
