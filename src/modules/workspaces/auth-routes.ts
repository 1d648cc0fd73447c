import {
  InvitationAcceptBody,
  InvitationPreview,
  InvitationTokenParams,
  Me,
  MeUpdateBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PasswordResetRequested,
  SessionInfo,
  SignInBody,
  SignUpBody,
  SwitchWorkspaceBody,
  TwoFactorCodeBody,
  TwoFactorSetup,
} from '@voronka/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SESSION_COOKIE } from '../../platform/auth/guard.js';
import type { Principal } from '../../platform/auth/principal.js';
import { createSystemMailer } from '../../platform/mail/system-mail.js';
import type { ModuleDeps } from '../deps.js';
import * as ws from './service.js';

const tags = ['auth'];
const client = (req: FastifyRequest) => ({
  ip: req.ip ?? null,
  userAgent: req.headers['user-agent'] ?? null,
});
const principal = (req: FastifyRequest) => req.principal as Principal;

type ZodApp = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
type Kit = ModuleDeps & {
  setSession: (reply: FastifyReply, token: string) => FastifyReply;
  mailer: ReturnType<typeof createSystemMailer>;
};

// One plugin, a route group per step of an account's life.
export const authRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const { config } = deps;
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: ws.SESSION_MAX_AGE_S,
    });

  const mailer = createSystemMailer(config);
  if (mailer) app.addHook('onClose', async () => mailer.close());

  const kit: Kit = { ...deps, setSession, mailer };
  signUpRoutes(app, kit);
  sessionRoutes(app, kit);
  accountRoutes(app, kit);
  invitationAcceptRoutes(app, kit);
};

// Signing up, and a forgotten password.
function signUpRoutes(app: ZodApp, kit: Kit) {
  const { db, config, setSession, mailer } = kit;
  app.post(
    '/auth/sign-up',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Create a workspace on a 7-day trial and its owner (limited per address per hour)',
        body: SignUpBody,
        response: { 201: SessionInfo },
      },
    },
    async (req, reply) => {
      await ws.countSignUp(db, req.ip ?? null, config.signUpsPerHour);
      const b = req.body;
      const created = await ws.createWorkspaceWithOwner(db, {
        companyName: b.companyName,
        ownerName: b.name,
        email: b.email,
        password: b.password,
        locale: b.locale,
        timezone: b.timezone,
        existingUser: 'reject',
      });
      const session = await ws.createSession(
        db,
        { userId: created.userId, workspaceId: created.workspaceId },
        client(req),
      );
      return setSession(reply, session.token).code(201).send(session.info);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Ask for a password reset link by e-mail (the same answer whether or not the e-mail has an account)',
        body: PasswordResetRequestBody,
        response: { 202: PasswordResetRequested },
      },
    },
    async (req, reply) => {
      await ws.requestPasswordReset(
        { db, mailer, publicUrl: config.publicUrl, log: (msg, err) => req.log.error({ err }, msg) },
        req.body.email,
        req.ip ?? null,
      );
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "Set a new password with the e-mailed link's token; ends every session of the user",
        body: PasswordResetConfirmBody,
      },
    },
    async (req, reply) => {
      await ws.resetPassword(db, req.body.token, req.body.password, req.ip ?? null);
      return reply.code(204).send();
    },
  );
}

// Signing in (with the second factor), out, and between workspaces.
function sessionRoutes(app: ZodApp, kit: Kit) {
  const { db, sealer, setSession } = kit;
  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        body: SignInBody,
        response: { 200: SessionInfo },
      },
    },
    async (req, reply) => {
      const session = await ws.signIn(db, req.body, client(req));
      return setSession(reply, session.token).send(session.info);
    },
  );

  app.post(
    '/auth/two-factor',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'Second sign-in step: the TOTP code',
        body: TwoFactorCodeBody,
        response: { 200: SessionInfo },
      },
    },
    async (req) => {
      await ws.verifySecondFactor(db, sealer, principal(req), req.body.code, req.ip ?? null);
      return ws.sessionInfo(
        db,
        (await ws.principalFromSession(db, undefined, principal(req).session!.id))!,
      );
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { access: 'pending' }, schema: { tags, summary: 'End this session' } },
    async (req, reply) => {
      await ws.signOut(db, principal(req));
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'pending' },
      schema: {
        tags,
        summary: 'The current session, CSRF token and who is signed in',
        response: { 200: SessionInfo },
      },
    },
    async (req) => ws.sessionInfo(db, principal(req)),
  );

  app.post(
    '/auth/switch-workspace',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Make another of my workspaces the active one',
        body: SwitchWorkspaceBody,
        response: { 200: SessionInfo },
      },
    },
    async (req) => ws.switchWorkspace(db, principal(req), req.body.slug),
  );
}

// The signed-in person: their second factor and profile.
function accountRoutes(app: ZodApp, kit: Kit) {
  const { db, sealer } = kit;
  app.post(
    '/auth/two-factor/setup',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Start TOTP set-up: secret and QR code',
        response: { 200: TwoFactorSetup },
      },
    },
    async (req) => ws.beginTwoFactorSetup(db, sealer, principal(req)),
  );

  app.post(
    '/auth/two-factor/enable',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Confirm TOTP set-up with a code', body: TwoFactorCodeBody },
    },
    async (req, reply) => {
      await ws.enableTwoFactor(db, sealer, principal(req), req.body.code);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/two-factor/disable',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Turn TOTP off (needs a current code)', body: TwoFactorCodeBody },
    },
    async (req, reply) => {
      await ws.disableTwoFactor(db, sealer, principal(req), req.body.code);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Who am I', response: { 200: Me } },
    },
    async (req) => ws.me(db, principal(req)),
  );

  app.patch(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change my name or interface language',
        body: MeUpdateBody,
        response: { 200: Me },
      },
    },
    async (req) => ws.updateMe(db, principal(req), req.body),
  );
}

// An invitation opened from its e-mail link.
function invitationAcceptRoutes(app: ZodApp, kit: Kit) {
  const { db, setSession } = kit;
  app.get(
    '/invitations/by-token/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What an invitation link leads to',
        params: InvitationTokenParams,
        response: { 200: InvitationPreview },
      },
    },
    async (req) => ws.previewInvitation(db, req.params.token, req.ip ?? null),
  );

  app.post(
    '/invitations/by-token/:token/accept',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation and sign in',
        params: InvitationTokenParams,
        body: InvitationAcceptBody,
        response: { 200: SessionInfo },
      },
    },
    async (req, reply) => {
      const joined = await ws.acceptInvitation(db, req.params.token, req.body, req.ip ?? null);
      const session = await ws.createSession(db, joined, client(req));
      return setSession(reply, session.token).send(session.info);
    },
  );
}
