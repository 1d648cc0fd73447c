import { z } from 'zod';
import { Role, RoleUpdateBody } from './access.js';
import { AuditEntry, AuditQuery } from './audit.js';
import {
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  PasswordResetRequested,
  SessionInfo,
  SignInBody,
  SignUpBody,
  TwoFactorCodeBody,
  TwoFactorSetup,
} from './auth.js';
import { page, PageQuery } from './common.js';
import { DuplicateList, DuplicatesQuery } from './companies.js';
import { Contact } from './contacts.js';
import { Deal, DealCreateBody, DealListQuery, DealMoveBody, DealUpdateBody } from './deals.js';
import { Conversation } from './inbox.js';
import {
  Lead,
  LeadConvertBody,
  LeadConverted,
  LeadCounts,
  LeadCreateBody,
  LeadCreated,
  LeadListFilters,
  LeadUpdateBody,
} from './leads.js';
import {
  ApiToken,
  ApiTokenCreateBody,
  ApiTokenCreated,
  InvitationAcceptBody,
  InvitationCreateBody,
  InvitationCreated,
  InvitationPreview,
  Team,
  TeamCreateBody,
  TeamUpdateBody,
} from './people.js';
import { Activity, ActivityCreateBody, Task, TaskCreateBody } from './tasks.js';
import { Workspace, WorkspaceUpdateBody } from './workspace.js';

// The typed endpoint map: one entry per API route the web app calls, keyed "METHOD /path" with the
// server's own path template, holding the contract's zod schemas for what goes in and comes back.
// The web client reads its types from here (`api.get('/leads/:id', { params: { id } })` is a
// `Lead`); a server test checks every key against the OpenAPI document, so the map cannot drift.
type Endpoint = { query?: z.ZodType; body?: z.ZodType; response: z.ZodType };

// A route that answers 204 No Content.
export const NoContent = z.undefined();

export const endpoints = {
  'POST /auth/sign-up': { body: SignUpBody, response: SessionInfo },
  'POST /auth/sign-in': { body: SignInBody, response: SessionInfo },
  'POST /auth/two-factor': { body: TwoFactorCodeBody, response: SessionInfo },
  'POST /auth/password-reset': { body: PasswordResetRequestBody, response: PasswordResetRequested },
  'POST /auth/password-reset/confirm': { body: PasswordResetConfirmBody, response: NoContent },
  'POST /auth/two-factor/setup': { response: TwoFactorSetup },
  'POST /auth/two-factor/enable': { body: TwoFactorCodeBody, response: NoContent },
  'POST /auth/two-factor/disable': { body: TwoFactorCodeBody, response: NoContent },
  'GET /invitations/by-token/:token': { response: InvitationPreview },
  'POST /invitations/by-token/:token/accept': { body: InvitationAcceptBody, response: SessionInfo },
  'POST /invitations': { body: InvitationCreateBody, response: InvitationCreated },

  'GET /workspace': { response: Workspace },
  'PATCH /workspace': { body: WorkspaceUpdateBody, response: Workspace },
  'POST /teams': { body: TeamCreateBody, response: Team },
  'PATCH /teams/:id': { body: TeamUpdateBody, response: Team },
  'DELETE /teams/:id': { response: NoContent },
  'GET /roles': { response: z.object({ items: z.array(Role) }) },
  'PUT /roles/:key': { body: RoleUpdateBody, response: Role },
  'GET /tokens': { query: PageQuery, response: page(ApiToken) },
  'POST /tokens': { body: ApiTokenCreateBody, response: ApiTokenCreated },
  'DELETE /tokens/:id': { response: NoContent },
  'GET /audit': { query: AuditQuery, response: page(AuditEntry) },

  'GET /contacts/:id': { response: Contact },
  'GET /duplicates': { query: DuplicatesQuery, response: DuplicateList },
  'GET /deals': { query: DealListQuery, response: page(Deal) },
  'POST /deals': { body: DealCreateBody, response: Deal },
  'PATCH /deals/:id': { body: DealUpdateBody, response: Deal },
  'POST /deals/:id/move': { body: DealMoveBody, response: Deal },
  'POST /tasks': { body: TaskCreateBody, response: Task },
  'POST /activities': { body: ActivityCreateBody, response: Activity },

  'GET /leads': { query: LeadListFilters, response: page(Lead) },
  'GET /leads/counts': { response: LeadCounts },
  'GET /leads/:id': { response: Lead },
  'POST /leads': { body: LeadCreateBody, response: LeadCreated },
  'PATCH /leads/:id': { body: LeadUpdateBody, response: Lead },
  'POST /leads/:id/convert': { body: LeadConvertBody, response: LeadConverted },
  'DELETE /leads/:id': { response: NoContent },

  'GET /conversations/:id': { response: Conversation },
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointKey = keyof Endpoints;
