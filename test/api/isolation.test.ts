import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/audit/tables.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { newId } from '../../src/platform/ids.js';
import { encodeCursor } from '../../src/platform/http/pagination.js';
import { members, teams } from '../../src/modules/workspaces/tables.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  apiOperations,
  expectProblem,
  signIn,
  snapshotWorkspace,
  uniqueEmail,
  type Operation,
} from '../../src/test/client.js';
import { walkRoutes } from '../../src/test/route-walk.js';
import { buildTenant, type Tenant } from './isolation-world.js';

let env: TestEnv;
let a: Tenant;
let b: Tenant;
let operations: Operation[];
let secretsOfB: string[];
let managerMatrixOfA: unknown;

beforeAll(async () => {
  env = await createTestApp();
  a = await buildTenant(env, 'Альфа', 'alpha');
  b = await buildTenant(env, 'Бета', 'beta');
  operations = await apiOperations(env.app);
  managerMatrixOfA = (await a.owner.call('GET', '/api/v1/roles')).body.items.find(
    (r: { key: string }) => r.key === 'manager',
  ).permissions;
  const auditIds = (
    (await b.owner.call('GET', '/api/v1/audit?limit=200')).body.items as { id: string }[]
  ).map((e) => e.id);
  expect(auditIds.length).toBeGreaterThanOrEqual(5);
  secretsOfB = [
    b.me.workspace.id,
    b.me.workspace.slug,
    b.me.workspace.name,
    b.me.user.id,
    b.me.user.email,
    b.me.user.name,
    b.me.member.id,
    b.team.id,
    b.team.name,
    b.member.memberId,
    b.member.email,
    'Бета Менеджер',
    b.invitation.id,
    b.invited,
    b.token.id,
    b.token.token,
    b.token.token.slice(0, 10),
    ...auditIds,
    b.crm.pipeline.id,
    b.crm.stageId,
    b.crm.lostReason.id,
    b.crm.deal.id,
    b.crm.deal.title,
    b.crm.task.id,
    b.crm.task.title,
    b.crm.activity.id,
    b.crm.activity.body,
    b.company.id,
    'Бета компания',
    '7736207543',
    b.contact.id,
    'Бета Контакт',
    '+79990000002',
    b.lead.id,
    'Бета заявка',
    'Бета Клиент',
    b.field.id,
    'beta_field',
    b.view.id,
    'Бета вид',
    b.inbox.channel.id,
    'Бета канал',
    'beta-bot-token',
    b.inbox.conversationId,
    'Бета сообщение',
    'Бета Собеседник',
    b.inbox.fileId,
    'Бета файл',
    b.form.id,
    'Бета форма',
    b.form.publicKey,
    b.product.id,
    'Бета товар',
    b.priceList.id,
    'Бета прайс',
    'Бета строка',
    b.legalEntity.id,
    'Бета юрлицо',
    b.document.id,
    b.calendarEvent.id,
    'Бета событие',
    b.payment.id,
    'Бета плательщик',
  ];
});
afterAll(async () => env?.close());

// Which of a tenant's records a path's {id} names.
function idsOf(t: Tenant): Record<string, string> {
  return {
    users: t.member.memberId,
    teams: t.team.id,
    tokens: t.token.id,
    invitations: t.invitation.id,
    leads: t.lead.id,
    'custom-fields': t.field.id,
    views: t.view.id,
    pipelines: t.crm.pipeline.id,
    'lost-reasons': t.crm.lostReason.id,
    deals: t.crm.deal.id,
    tasks: t.crm.task.id,
    companies: t.company.id,
    contacts: t.contact.id,
    imports: t.imp.id,
    channels: t.inbox.channel.id,
    conversations: t.inbox.conversationId,
    files: t.inbox.fileId,
    forms: t.form.id,
    'routing-rules': t.rule.id,
    'sla-policies': t.policy.id,
    products: t.product.id,
    'price-lists': t.priceList.id,
    availability: t.member.memberId,
    'legal-entities': t.legalEntity.id,
    documents: t.document.id,
    'document-templates': '00000000-0000-4000-8000-000000000001',
    exports: t.documentExport.id,
    events: t.calendarEvent.id,
    payments: t.payment.id,
    'meeting-types': t.meetingType.id,
    automations: t.automation.id,
    templates: t.template.id,
    requests: t.privacyRequest.id,
    calculators: t.calculator.id,
    // Another workspace's discount request is never found (none exists for this id anywhere).
    'discount-approvals': '00000000-0000-4000-8000-000000000001',
    invoices: t.document.id,
    lines: '00000000-0000-4000-8000-000000000001',
    'bank-statements': '00000000-0000-4000-8000-000000000001',
    'dunning-policies': t.dunningPolicy.id,
    'call-lists': t.callList.id,
    'do-not-call': t.doNotCall.id,
    webhooks: t.webhook.id,
    segments: t.segment.id,
    // No campaign was made (it needs a mail server): another workspace's is never found.
    campaigns: '00000000-0000-4000-8000-000000000001',
    // No retention run destroyed anything: another workspace's act is never found.
    'destruction-acts': '00000000-0000-4000-8000-000000000001',
    plans: t.plan.id,
    'win-back': t.company.id,
  };
}

// Query filters that point at B's records: a list must answer with A's rows only (here: none).
const queryWithIdsOfB = () => ({
  // Which image of a legal entity (a required query parameter).
  kind: 'logo',
  legalEntityId: b.legalEntity.id,
  assigneeId: b.member.memberId,
  teamId: b.team.id,
  actorId: b.me.member.id,
  entityId: b.team.id,
  cursor: encodeCursor([b.team.id]),
  pipelineId: b.crm.pipeline.id,
  stageId: b.crm.stageId,
  dealId: b.crm.deal.id,
  companyId: b.company.id,
  ownerId: b.me.member.id,
  channelId: b.inbox.channel.id,
});

const bodyWithIdsOfB = () => ({
  legalEntityId: b.legalEntity.id,
  // An outgoing webhook's address: public, so it passes the SSRF check and the id is what is tested.
  url: 'https://hooks.example.com/voronka',
  key: 'sample_key',
  // A calculator input's section: a key like the input's own.
  section: 'sample_key',
  currency: 'RUB',
  assigneeId: b.member.memberId,
  existingId: b.member.memberId,
  name: 'Альфа переименована',
  email: uniqueEmail('alpha-new'),
  role: 'manager',
  teamId: b.team.id,
  headId: b.member.memberId,
  code: '123456',
  slug: b.me.workspace.slug,
  permissions: managerMatrixOfA,
  requireTwoFactor: false,
  timezone: 'Europe/Samara',
  timeZone: 'Europe/Samara',
  stageId: b.crm.stageId,
  dealId: b.crm.deal.id,
  pipelineId: b.crm.pipeline.id,
  lostReasonId: b.crm.lostReason.id,
  companyId: b.company.id,
  otherId: b.contact.id,
  contactIds: [],
  tags: [],
  stages: [{ name: 'Этап', probability: 10, kind: 'open' }],
});

function expectNoneOfB(label: string, body: unknown) {
  const text = JSON.stringify(body ?? null);
  const leaked = secretsOfB.filter((s) => text.includes(s));
  expect(leaked, `${label} leaked B's data`).toEqual([]);
}

describe('workspace isolation through every API operation', () => {
  for (const credential of ['session', 'api token'] as const) {
    it(`never shows or changes B's records when A calls with a ${credential}`, async () => {
      // A fresh session: the walk ends with sign-out.
      const caller =
        credential === 'session'
          ? await signIn(env.app, a.me.user.email, 'correct-horse-battery')
          : a.token.client;
      const bBefore = await snapshotWorkspace(b.owner);
      const exercised = await walkRoutes(operations, caller, {
        tag: credential,
        theirs: idsOf(b),
        mine: idsOf(a),
        params: {
          theirs: {
            key: 'manager',
            stageId: b.crm.stageId,
            messageId: b.inbox.messageId,
            itemId: b.callItem.id,
            // No delivery was made: a webhook's delivery log is reached through B's subscription.
            deliveryId: '00000000-0000-4000-8000-000000000001',
            token: `${'x'.repeat(32)}.ics`,
          },
          mine: {
            key: 'manager',
            stageId: a.crm.stageId,
            messageId: a.inbox.messageId,
            itemId: a.callItem.id,
            deliveryId: '00000000-0000-4000-8000-000000000001',
            token: `${'x'.repeat(32)}.ics`,
          },
        },
        query: queryWithIdsOfB(),
        known: bodyWithIdsOfB,
        async check({ label, byId, mine, res }) {
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
          // On B's record, or on A's own record with a reference to B's in the body: not found.
          if (byId || mine)
            expect(
              res.status,
              `${label} must not find B's record: ${JSON.stringify(res.body)}`,
            ).toBe(404);
          expectNoneOfB(label, res.body);
          expect(await snapshotWorkspace(b.owner), `${label} changed workspace B`).toEqual(bBefore);
        },
      });
      // The enumeration itself must not silently shrink: 30 guarded operations exist today.
      expect(exercised.length).toBeGreaterThanOrEqual(30);
      expect(exercised).toEqual(
        expect.arrayContaining([
          'DELETE /api/v1/teams/{id}',
          'POST /api/v1/users/{id}/deactivate',
          'PUT /api/v1/roles/{key}',
          'GET /api/v1/audit',
        ]),
      );
      // Every route with a B snapshot before and after: minutes on a loaded 2-core PGlite run.
    }, 240_000);
  }

  it('refuses to switch a session into a workspace the user is not a member of', async () => {
    const refused = await a.owner.call('POST', '/api/v1/auth/switch-workspace', {
      slug: b.me.workspace.slug,
    });
    expectProblem(refused, 404, 'workspace.not_found');
    expect((await a.owner.call('GET', '/api/v1/me')).body.workspace.id).toBe(a.me.workspace.id);
  });
});

describe('row-level security in PostgreSQL itself', () => {
  const workspaceOf = (t: Tenant) => t.me.workspace.id;

  it('shows a transaction bound to A only A rows, even without a workspace filter', async () => {
    const seen = await inWorkspace(env.database.db, workspaceOf(a), async (tx) => ({
      members: await tx.select({ ws: members.workspaceId }).from(members),
      teams: await tx.select({ ws: teams.workspaceId }).from(teams),
      audit: await tx.select({ ws: auditLog.workspaceId }).from(auditLog),
    }));
    for (const rows of Object.values(seen)) {
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.ws))).toEqual(new Set([workspaceOf(a)]));
    }
  });

  it("refuses to insert a row carrying B's workspace_id", async () => {
    const insert = inWorkspace(env.database.db, workspaceOf(a), (tx) =>
      tx
        .insert(teams)
        .values({ workspaceId: workspaceOf(b), id: newId(), name: 'Подброшенный отдел' }),
    );
    await expect(insert).rejects.toSatisfy(
      (err: { message?: string; cause?: { message?: string } }) =>
        /row-level security/.test(`${err.message} ${err.cause?.message}`),
    );
    const bTeams = (await b.owner.call('GET', '/api/v1/teams')).body.items.map(
      (t: { name: string }) => t.name,
    );
    expect(bTeams).not.toContain('Подброшенный отдел');
  });

  it("cannot update or delete B's rows: they are invisible to the statement", async () => {
    const changed = await inWorkspace(env.database.db, workspaceOf(a), async (tx) => ({
      updated: await tx
        .update(teams)
        .set({ name: 'Захвачено' })
        .where(eq(teams.workspaceId, workspaceOf(b)))
        .returning({ id: teams.id }),
      deleted: await tx
        .delete(auditLog)
        .where(and(eq(auditLog.workspaceId, workspaceOf(b)), sql`true`))
        .returning({ id: auditLog.id }),
    }));
    expect(changed).toEqual({ updated: [], deleted: [] });
    expect((await b.owner.call('GET', `/api/v1/teams/${b.team.id}`)).body.name).toBe(b.team.name);
  });
});
