import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem.js';
import type { Entity } from '@voronka/contract';
import {
  can,
  isTrialExpired,
  type Access,
  type Principal,
  type PrincipalResolver,
} from './principal.js';

export const SESSION_COOKIE = 'voronka_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function authenticate(
  req: FastifyRequest,
  resolver: PrincipalResolver,
): Promise<Principal | null | 'bad-token'> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) return 'bad-token';
    return (await resolver.fromApiToken(m[1]!, req.ip ?? null)) ?? 'bad-token';
  }
  const cookie = req.cookies?.[SESSION_COOKIE];
  return cookie ? resolver.fromSession(cookie) : null;
}

// The one mechanism that guards every route: authentication, second factor, CSRF for cookie writes,
// the role's permission matrix and the trial. It runs before the body is parsed, so nothing a
// refused caller sent is even read.
export function installGuard(app: FastifyInstance, resolver: PrincipalResolver) {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access)
      throw new Error(`route ${route.method} ${route.url} declares no access`);
  });
  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access;
    if (!access) return;
    const found = await authenticate(req, resolver);
    if (found === 'bad-token')
      return sendProblem(reply, 'auth.invalid_token', 'the API token is invalid or revoked');
    req.principal = found;
    if (access === 'public') return;
    return check(req, reply, access, found);
  });
  // A write that may change who someone is (sign-in and -out, 2FA, members, roles, tokens, the
  // workspace's plan) answers only once this process has heard of it, so the next request here
  // already resolves the new principal (other processes hear it within milliseconds).
  // Only a write that succeeded changed anything; a database that is away leaves it to the TTL.
  const settle = resolver.settle;
  if (settle)
    app.addHook('onSend', async (req, reply) => {
      const access = req.routeOptions.config?.access;
      if (
        access &&
        reply.statusCode < 300 &&
        !SAFE_METHODS.has(req.method) &&
        changesPrincipals(access)
      )
        await settle().catch(() => undefined);
    });
}

const PRINCIPAL_ENTITIES: readonly Entity[] = ['workspace', 'users', 'teams', 'roles', 'tokens'];

// Public routes only make new sessions and members (nothing cached yet); a password reset's ended
// sessions reach every process through the announcement.
function changesPrincipals(access: Access): boolean {
  if (typeof access === 'string') return access === 'pending' || access === 'signed-in';
  if ('entity' in access) return PRINCIPAL_ENTITIES.includes(access.entity);
  if ('anyOf' in access) return access.anyOf.some((e) => PRINCIPAL_ENTITIES.includes(e));
  return false;
}

type EntityAccess = Exclude<Access, 'public' | 'pending' | 'signed-in'>;

// The entities whose right decides: fixed, any of several, or the one a query parameter names.
function entitiesFor(req: FastifyRequest, access: EntityAccess): readonly Entity[] | 'invalid' {
  if ('entity' in access) return [access.entity];
  if ('anyOf' in access) return access.anyOf;
  const named = (req.query as Record<string, unknown> | undefined)?.[access.entityFromQuery];
  return access.entities.find((e) => e === named) ? [named as Entity] : 'invalid';
}

function check(
  req: FastifyRequest,
  reply: FastifyReply,
  access: Exclude<Access, 'public'>,
  p: Principal | null,
) {
  if (!p) return sendProblem(reply, 'auth.required', 'sign in first');
  if (!p.memberActive)
    return sendProblem(reply, 'auth.user_deactivated', 'this user is deactivated in the workspace');
  if (
    p.session &&
    !SAFE_METHODS.has(req.method) &&
    req.headers[CSRF_HEADER] !== p.session.csrfToken
  ) {
    return sendProblem(reply, 'auth.csrf', `missing or wrong ${CSRF_HEADER} header`);
  }
  if (access === 'pending') return;
  if (p.session?.twoFactorPending)
    return sendProblem(reply, 'auth.two_factor_required', 'enter the two-factor code first');
  if (access === 'signed-in') return;
  if (p.session?.twoFactorSetupRequired)
    return sendProblem(
      reply,
      'auth.two_factor_setup_required',
      'the workspace requires two-factor sign-in: set it up first',
    );
  const allowed = entitiesFor(req, access);
  if (allowed === 'invalid') {
    const param = 'entityFromQuery' in access ? access.entityFromQuery : 'entity';
    return sendProblem(
      reply,
      'request.invalid',
      `${param}: one of ${'entities' in access ? access.entities.join(', ') : ''}`,
      { field: param },
    );
  }
  if (!allowed.some((entity) => can(p, entity, access.action)))
    return sendProblem(
      reply,
      'auth.forbidden',
      `your role may not ${access.action} ${allowed.join(' or ')}`,
    );
  const writes =
    ('writes' in access && access.writes === true) ||
    (access.action !== 'read' && access.action !== 'export');
  if (!SAFE_METHODS.has(req.method) && writes && isTrialExpired(p.workspace, new Date())) {
    return sendProblem(
      reply,
      'workspace.trial_expired',
      'the free trial has ended: the workspace is read-only until it is extended or paid',
    );
  }
}
