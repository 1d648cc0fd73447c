import { z } from 'zod';
import { PermissionMatrix, RoleKey } from './access.js';
import { Email, Id, Locale, Name, Password } from './common.js';
import { Workspace } from './workspace.js';

export const SignUpBody = z.strictObject({
  name: Name(),
  email: Email,
  password: Password,
  companyName: Name(),
  locale: Locale.optional(),
  timezone: z.string().max(64).optional(),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

export const SignInBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  workspace: z.string().max(80).optional(),
});
export type SignInBody = z.infer<typeof SignInBody>;

export const TwoFactorCodeBody = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'six digits'),
});

export const SwitchWorkspaceBody = z.strictObject({ slug: z.string().min(1).max(80) });

export const Me = z.object({
  user: z.object({
    id: Id,
    name: z.string(),
    email: z.string(),
    twoFactorEnabled: z.boolean(),
    locale: Locale,
  }),
  member: z.object({ id: Id, role: RoleKey, teamId: Id.nullable() }),
  workspace: Workspace,
  permissions: PermissionMatrix,
  workspaces: z.array(z.object({ slug: z.string(), name: z.string() })),
});
export type Me = z.infer<typeof Me>;

// What a browser needs after sign-in: csrfToken is sent back in X-CSRF-Token on every write.
export const SessionInfo = z.object({
  twoFactorRequired: z.boolean(),
  twoFactorSetupRequired: z.boolean(),
  csrfToken: z.string(),
  me: Me.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const TwoFactorSetup = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});

export const MeUpdateBody = z.strictObject({ name: Name().optional(), locale: Locale.optional() });
export type MeUpdateBody = z.infer<typeof MeUpdateBody>;

// Password reset by e-mail: the request always gets the same answer, whether or not the e-mail has
// an account; the link's token (from the letter) sets the new password once.
export const PasswordResetRequestBody = z.strictObject({ email: Email });
export type PasswordResetRequestBody = z.infer<typeof PasswordResetRequestBody>;
export const PasswordResetRequested = z.object({ sent: z.literal(true) });
export const PasswordResetConfirmBody = z.strictObject({
  token: z.string().min(20).max(100),
  password: Password,
});
export type PasswordResetConfirmBody = z.infer<typeof PasswordResetConfirmBody>;
