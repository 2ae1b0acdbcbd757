import { z } from 'zod';
import { PERMISSIONS, PROFILE_KINDS } from './permissions.ts';

export const USERNAME = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

/** Unknown fields are refused so a typo never silently does nothing. */
export const LoginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PASSWORD = z.string().min(10, 'at least 10 characters').max(256);

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  profile: z.string(),
  kind: z.enum(PROFILE_KINDS),
  permissions: z.array(z.enum(PERMISSIONS)),
  agentNumber: z.string().nullable(),
  groups: z.array(z.string()),
  locale: z.enum(['az', 'en', 'ru']),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  user: SessionUser,
  site: z.string(),
  mqttToken: z.string(),
  mqttTokenExpiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CreateUserRequest = z.strictObject({
  username: USERNAME,
  displayName: z.string().min(1).max(120),
  password: PASSWORD,
  profile: z.string().min(1).max(64),
  agentNumber: z.string().regex(/^[0-9]{2,8}$/).nullable().optional(),
  groups: z.array(z.string().min(1).max(64)).max(50).optional(),
  locale: z.enum(['az', 'en', 'ru']).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = CreateUserRequest.omit({ username: true, password: true })
  .partial()
  .extend({ password: PASSWORD.optional(), disabled: z.boolean().optional() })
  .strict();
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;
