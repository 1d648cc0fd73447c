import {
  ApiToken,
  ApiTokenCreateBody,
  ApiTokenCreated,
  AuditEntry,
  AuditQuery,
  IdParams,
  Invitation,
  InvitationCreateBody,
  InvitationCreated,
  PageQuery,
  Role,
  RoleParams,
  RoleUpdateBody,
  Team,
  TeamCreateBody,
  TeamUpdateBody,
  User,
  UserListQuery,
  UserUpdateBody,
  Workspace,
  WorkspaceUpdateBody,
  page,
} from '@voronka/contract';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as ws from './service.js';

type ZodApp = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
type Kit = ModuleDeps & {
  run: <T>(
    req: Parameters<typeof inRequestWorkspace>[1],
    fn: Parameters<typeof inRequestWorkspace<T>>[2],
  ) => Promise<T>;
};

// One plugin, a route group per resource.
export const workspaceRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, deps) => {
  const kit: Kit = { ...deps, run: (req, fn) => inRequestWorkspace(deps.db, req, fn) };
  workspaceSettingsRoutes(app, kit);
  userRoutes(app, kit);
  invitationRoutes(app, kit);
  teamRoutes(app, kit);
  roleRoutes(app, kit);
  tokenRoutes(app, kit);
  auditRoutes(app, kit);
};

// The workspace itself.
function workspaceSettingsRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  app.get(
    '/workspace',
    {
      config: { access: { entity: 'workspace', action: 'read' } },
      schema: {
        tags: ['workspace'],
        summary: 'The workspace, its plan and trial end',
        response: { 200: Workspace },
      },
    },
    async (req) => run(req, (ctx) => ws.getWorkspace(ctx)),
  );
  app.patch(
    '/workspace',
    {
      config: { access: { entity: 'workspace', action: 'update' } },
      schema: {
        tags: ['workspace'],
        summary: 'Change workspace settings',
        body: WorkspaceUpdateBody,
        response: { 200: Workspace },
      },
    },
    async (req) => run(req, (ctx) => ws.updateWorkspace(ctx, req.body)),
  );
}

// People of the workspace.
function userRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  const users = { tags: ['users'] };
  app.get(
    '/users',
    {
      config: { access: { entity: 'users', action: 'read' } },
      schema: {
        ...users,
        summary: 'List users',
        querystring: UserListQuery,
        response: { 200: page(User) },
      },
    },
    async (req) => run(req, (ctx) => ws.listUsers(ctx, req.query)),
  );
  app.get(
    '/users/:id',
    {
      config: { access: { entity: 'users', action: 'read' } },
      schema: { ...users, summary: 'Get a user', params: IdParams, response: { 200: User } },
    },
    async (req) => run(req, (ctx) => ws.getUser(ctx, req.params.id)),
  );
  app.patch(
    '/users/:id',
    {
      config: { access: { entity: 'users', action: 'update' } },
      schema: {
        ...users,
        summary: 'Change role, team or name',
        params: IdParams,
        body: UserUpdateBody,
        response: { 200: User },
      },
    },
    async (req) => run(req, (ctx) => ws.updateUser(ctx, req.params.id, req.body)),
  );
  app.post(
    '/users/:id/deactivate',
    {
      config: { access: { entity: 'users', action: 'delete' } },
      schema: {
        ...users,
        summary: 'Deactivate: access ends, records stay',
        params: IdParams,
        response: { 200: User },
      },
    },
    async (req) => run(req, (ctx) => ws.setUserStatus(ctx, req.params.id, 'deactivated')),
  );
  app.post(
    '/users/:id/reactivate',
    {
      config: { access: { entity: 'users', action: 'update' } },
      schema: {
        ...users,
        summary: 'Give a deactivated user access again',
        params: IdParams,
        response: { 200: User },
      },
    },
    async (req) => run(req, (ctx) => ws.setUserStatus(ctx, req.params.id, 'active')),
  );
}

// Invitations to join.
function invitationRoutes(app: ZodApp, kit: Kit) {
  const users = { tags: ['users'] };
  const { run, config } = kit;
  app.get(
    '/invitations',
    {
      config: { access: { entity: 'users', action: 'create' } },
      schema: {
        ...users,
        summary: 'List invitations',
        querystring: PageQuery,
        response: { 200: page(Invitation) },
      },
    },
    async (req) => run(req, (ctx) => ws.listInvitations(ctx, req.query)),
  );
  app.post(
    '/invitations',
    {
      config: { access: { entity: 'users', action: 'create' } },
      schema: {
        ...users,
        summary: 'Invite a colleague: returns the link to pass on',
        body: InvitationCreateBody,
        response: { 201: InvitationCreated },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await run(req, (ctx) => ws.createInvitation(ctx, req.body, config.publicUrl))),
  );
  app.delete(
    '/invitations/:id',
    {
      config: { access: { entity: 'users', action: 'create' } },
      schema: { ...users, summary: 'Revoke an invitation', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => ws.revokeInvitation(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

// Teams.
function teamRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  const teams = { tags: ['teams'] };
  app.get(
    '/teams',
    {
      config: { access: { entity: 'teams', action: 'read' } },
      schema: {
        ...teams,
        summary: 'List teams (sales departments)',
        querystring: PageQuery,
        response: { 200: page(Team) },
      },
    },
    async (req) => run(req, (ctx) => ws.listTeams(ctx, req.query)),
  );
  app.post(
    '/teams',
    {
      config: { access: { entity: 'teams', action: 'create' } },
      schema: { ...teams, summary: 'Create a team', body: TeamCreateBody, response: { 201: Team } },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => ws.createTeam(ctx, req.body))),
  );
  app.get(
    '/teams/:id',
    {
      config: { access: { entity: 'teams', action: 'read' } },
      schema: { ...teams, summary: 'Get a team', params: IdParams, response: { 200: Team } },
    },
    async (req) => run(req, (ctx) => ws.getTeam(ctx, req.params.id)),
  );
  app.patch(
    '/teams/:id',
    {
      config: { access: { entity: 'teams', action: 'update' } },
      schema: {
        ...teams,
        summary: 'Rename a team or set its head',
        params: IdParams,
        body: TeamUpdateBody,
        response: { 200: Team },
      },
    },
    async (req) => run(req, (ctx) => ws.updateTeam(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/teams/:id',
    {
      config: { access: { entity: 'teams', action: 'delete' } },
      schema: { ...teams, summary: 'Delete a team (its members stay)', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => ws.deleteTeam(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

// Roles and their rights.
function roleRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  const roles = { tags: ['roles'] };
  app.get(
    '/roles',
    {
      config: { access: { entity: 'roles', action: 'read' } },
      schema: {
        ...roles,
        summary: 'Roles and their permission matrices',
        response: { 200: z.object({ items: z.array(Role) }) },
      },
    },
    async (req) => run(req, (ctx) => ws.listRoles(ctx)),
  );
  app.put(
    '/roles/:key',
    {
      config: { access: { entity: 'roles', action: 'update' } },
      schema: {
        ...roles,
        summary: "Replace a role's permission matrix",
        params: RoleParams,
        body: RoleUpdateBody,
        response: { 200: Role },
      },
    },
    async (req) => run(req, (ctx) => ws.updateRole(ctx, req.params.key, req.body.permissions)),
  );
}

// API tokens.
function tokenRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  const tokens = { tags: ['tokens'] };
  app.get(
    '/tokens',
    {
      config: { access: { entity: 'tokens', action: 'read' } },
      schema: {
        ...tokens,
        summary: 'List API tokens',
        querystring: PageQuery,
        response: { 200: page(ApiToken) },
      },
    },
    async (req) => run(req, (ctx) => ws.listTokens(ctx, req.query)),
  );
  app.post(
    '/tokens',
    {
      config: { access: { entity: 'tokens', action: 'create' } },
      schema: {
        ...tokens,
        summary: 'Create an API token with my rights (shown once)',
        body: ApiTokenCreateBody,
        response: { 201: ApiTokenCreated },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => ws.createToken(ctx, req.body.name))),
  );
  app.delete(
    '/tokens/:id',
    {
      config: { access: { entity: 'tokens', action: 'delete' } },
      schema: { ...tokens, summary: 'Revoke an API token', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => ws.revokeToken(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
}

// The audit log.
function auditRoutes(app: ZodApp, kit: Kit) {
  const { run } = kit;
  app.get(
    '/audit',
    {
      config: { access: { entity: 'audit', action: 'read' } },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: AuditQuery,
        response: { 200: page(AuditEntry) },
      },
    },
    async (req) => run(req, (ctx) => ws.listAudit(ctx, req.query)),
  );
}
