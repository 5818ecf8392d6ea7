import { z } from "zod";

export const loginSchema = z.strictObject({
  name: z.string().trim().min(1, "User name is required").max(200),
  password: z.string().min(1, "Password is required").max(200),
  next: z.string().max(2000).optional(),
});
export type LoginInput = z.input<typeof loginSchema>;

export const newUserSchema = z.strictObject({
  name: z.string().trim().min(3, "At least 3 characters").max(100).regex(/^[A-Za-z0-9_.@-]+$/, "Letters, digits, '.', '_', '-', '@' only"),
  password: z.string().min(8, "At least 8 characters").max(200),
});
export type NewUserInput = z.input<typeof newUserSchema>;

export const grantSchema = z.strictObject({
  userId: z.string().min(1),
  role: z.string().min(1, "Choose a role"),
  objectType: z.enum(["system", "data_center", "storage_domain", "vm", "template"]),
  objectId: z.string().optional(),
});
export type GrantInput = z.input<typeof grantSchema>;
