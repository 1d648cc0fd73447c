import type {
  HandoverBody,
  HandoverCounts,
  HandoverPreview,
  HandoverResult,
} from '@voronka/contract';
import { HandoverBody as Body } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/rls.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';

// Handing a leaving member's book over: their companies, contacts and deals, their open requests
// and open tasks. What is theirs is read in one query; each record then moves through its own
// module's update (so the rules, timelines, SLA timers and reminders that follow an owner follow
// it), all in one transaction with one summary audit row.

type Kind = keyof HandoverCounts;
type Book = Record<Kind, string[]>;

async function bookOf(ctx: Ctx, memberId: string): Promise<Book> {
  const res = rowsOf<{ kind: Kind; id: string }>(
    await ctx.tx.execute(sql`
    select 'companies' as kind, id from companies where workspace_id = ${ctx.workspaceId} and owner_id = ${memberId}
    union all select 'contacts', id from contacts where workspace_id = ${ctx.workspaceId} and owner_id = ${memberId}
    union all select 'deals', id from deals where workspace_id = ${ctx.workspaceId} and owner_id = ${memberId}
    union all select 'leads', id from leads where workspace_id = ${ctx.workspaceId} and assignee_id = ${memberId}
      and status in ('new', 'in_work', 'qualified')
    union all select 'tasks', id from tasks where workspace_id = ${ctx.workspaceId} and owner_id = ${memberId}
      and done_at is null
    order by 1, 2`),
  );
  const book: Book = { companies: [], contacts: [], deals: [], leads: [], tasks: [] };
  for (const r of res) book[r.kind].push(r.id);
  return book;
}

const countsOf = (b: Book): HandoverCounts => ({
  companies: b.companies.length,
  contacts: b.contacts.length,
  deals: b.deals.length,
  leads: b.leads.length,
  tasks: b.tasks.length,
});

export async function previewHandover(ctx: Ctx, memberId: string): Promise<HandoverPreview> {
  const member = await workspaces.getUser(ctx, memberId);
  return {
    memberId,
    active: member.status === 'active',
    counts: countsOf(await bookOf(ctx, memberId)),
  };
}

export async function handOver(ctx: Ctx, input: HandoverBody): Promise<HandoverResult> {
  const body = Body.parse(input);
  const receivers = [...new Set(body.toMemberIds)];
  if (receivers.includes(body.fromMemberId))
    throw new DomainError(
      'handover.invalid',
      'the leaving member cannot receive their own clients',
      {
        field: 'toMemberIds',
      },
    );
  await workspaces.getUser(ctx, body.fromMemberId).catch((err: unknown) => {
    throw err instanceof DomainError
      ? new DomainError('user.not_found', 'user not found', { field: 'fromMemberId' })
      : err;
  });
  for (const id of receivers) {
    const u = await workspaces.getUser(ctx, id).catch(() => null);
    if (!u || u.status !== 'active')
      throw new DomainError('handover.invalid', 'every receiver must be an active member', {
        field: 'toMemberIds',
      });
  }
  const book = await bookOf(ctx, body.fromMemberId);
  const perReceiver: Record<string, number> = Object.fromEntries(receivers.map((r) => [r, 0]));
  // Round robin across every record in turn, so each receiver gets a fair share of each kind.
  let turn = 0;
  const next = () => {
    const to = receivers[turn++ % receivers.length]!;
    perReceiver[to]! += 1;
    return to;
  };
  for (const id of book.companies) await clients.updateCompany(ctx, id, { ownerId: next() });
  for (const id of book.contacts) await clients.updateContact(ctx, id, { ownerId: next() });
  for (const id of book.deals) await pipeline.updateDeal(ctx, id, { ownerId: next() });
  for (const id of book.leads) await leads.updateLead(ctx, id, { assigneeId: next() });
  for (const id of book.tasks) await activities.updateTask(ctx, id, { ownerId: next() });
  let deactivated = false;
  if (body.deactivate) {
    const before = await workspaces.getUser(ctx, body.fromMemberId);
    if (before.status === 'active') {
      await workspaces.setUserStatus(ctx, body.fromMemberId, 'deactivated');
      deactivated = true;
    }
  }
  const moved = countsOf(book);
  await recordAudit(ctx, {
    action: 'privacy.handover',
    entity: 'users',
    entityId: body.fromMemberId,
    after: { moved, perReceiver, deactivated },
  });
  return { moved, perReceiver, deactivated };
}
