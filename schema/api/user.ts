import { z } from 'zod';

/**
 * A mobile number, stored in E.164. Australian forms ("0412 345 678", "+61 412 345 678") and any
 * international E.164 number are accepted; spaces, dashes and brackets are ignored.
 */
export const mobileNumber = z
  .string()
  .trim()
  .max(32, { error: 'At most 32 characters' })
  .transform((value, ctx) => {
    const digits = value.replace(/[\s()-]/g, '');
    const local = /^04\d{8}$/.test(digits) ? `+61${digits.slice(1)}` : digits;
    if (/^\+[1-9]\d{7,14}$/.test(local)) return local;
    ctx.addIssue({ code: 'custom', message: 'Use a mobile number like 0412 345 678 or +61 412 345 678' });
    return z.NEVER;
  });

/** `POST /v1/users`: an end user of the partner, known by at least one of these. */
export const createUserSchema = z
  .strictObject({
    email: z.email({ error: 'Use an e-mail address like name@example.com' }).max(254, { error: 'At most 254 characters' }).optional(),
    mobile: mobileNumber.optional(),
    /** The partner's own id for this person, unique within the application. */
    reference: z.string().trim().min(1, { error: 'Required' }).max(128, { error: 'At most 128 characters' }).optional(),
  })
  .refine((user) => user.email !== undefined || user.mobile !== undefined || user.reference !== undefined, {
    error: 'Give at least one of email, mobile or reference',
  });
export type CreateUser = z.infer<typeof createUserSchema>;

export const userSchema = z.strictObject({
  id: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;
