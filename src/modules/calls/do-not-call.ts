import type { DoNotCallBody, DoNotCallEntry } from '@voronka/contract';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import * as workspaces from '../workspaces/service.js';
import { callListItems, doNotCall } from './tables.js';

// The do-not-call list: numbers (E.164, as contact points keep phones) that no call list hands out.
// A list leaves them out when it is made (and says how many); a number added later closes the open
// items that carry it in every list (outcome `do_not_call`), so nobody is handed it again. Each
// addition and removal is in the audit trail (`contact.do_not_call` / `contact.may_call`): the
// client's objection to calls, with who recorded it and why.

type Row = typeof doNotCall.$inferSelect;
const toEntry = (r: Row): DoNotCallEntry => ({
  id: r.id,
  phone: r.phone,
  contactId: r.contactId,
  reason: r.reason,
  source: r.source,
  createdAt: r.createdAt.toISOString(),
});

export async function listDoNotCall(
  ctx: Ctx,
  q: { contactId?: string | undefined },
): Promise<DoNotCallEntry[]> {
  const rows = await ctx.tx
    .select()
    .from(doNotCall)
    .where(
      and(
        eq(doNotCall.workspaceId, ctx.workspaceId),
        q.contactId ? eq(doNotCall.contactId, q.contactId) : undefined,
      ),
    )
    .orderBy(desc(doNotCall.createdAt))
    .limit(1000);
  return rows.map(toEntry);
}

// Which of these numbers are on the list.
export async function blockedPhones(ctx: Ctx, phones: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < phones.length; i += 1000) {
    const rows = await ctx.tx
      .select({ phone: doNotCall.phone })
      .from(doNotCall)
      .where(
        and(
          eq(doNotCall.workspaceId, ctx.workspaceId),
          inArray(doNotCall.phone, phones.slice(i, i + 1000)),
        ),
      );
    for (const r of rows) out.add(r.phone);
  }
  return out;
}

export async function addDoNotCall(
  ctx: Ctx,
  body: DoNotCallBody,
  source: Row['source'] = 'manual',
): Promise<DoNotCallEntry[]> {
  let phones: string[];
  let contactId: string | null = null;
  if (body.contactId) {
    const c = await clients.getContact(ctx, body.contactId).catch(() => {
      throw new DomainError('request.invalid', 'contactId: no such contact', {
        field: 'contactId',
      });
    });
    contactId = c.id;
    phones = c.phones.map((p) => p.number);
    if (body.phone) {
      const one = clients.normalizePhone(body.phone, await region(ctx), 'phone');
      if (!phones.includes(one))
        throw new DomainError('request.invalid', 'phone: not a phone of this contact', {
          field: 'phone',
        });
      phones = [one];
    }
    if (!phones.length)
      throw new DomainError('request.invalid', 'contactId: this contact has no phone', {
        field: 'contactId',
      });
  } else {
    const one = clients.normalizePhone(body.phone!, await region(ctx), 'phone');
    const match = await clients.findContactByPoint(ctx, 'phone', one);
    contactId = match?.id ?? null;
    phones = [one];
  }
  const rows = await ctx.tx
    .insert(doNotCall)
    .values(
      phones.map((phone) => ({
        workspaceId: ctx.workspaceId,
        id: newId(),
        phone,
        contactId,
        reason: body.reason || null,
        source,
        createdBy: ctx.actor.memberId,
      })),
    )
    .onConflictDoNothing()
    .returning();
  // Open items with these numbers are closed in every list, held ones too.
  await ctx.tx
    .update(callListItems)
    .set({ outcome: 'do_not_call', doneAt: new Date() })
    .where(
      and(
        eq(callListItems.workspaceId, ctx.workspaceId),
        inArray(callListItems.phone, phones),
        isNull(callListItems.doneAt),
      ),
    );
  for (const r of rows)
    await recordAudit(ctx, {
      action: 'contact.do_not_call',
      entity: 'contacts',
      entityId: r.contactId,
      after: { phone: r.phone, reason: r.reason, source },
    });
  return listDoNotCall(ctx, contactId ? { contactId } : {}).then((all) =>
    all.filter((e) => phones.includes(e.phone)),
  );
}

export async function removeDoNotCall(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .delete(doNotCall)
    .where(and(eq(doNotCall.workspaceId, ctx.workspaceId), eq(doNotCall.id, id)))
    .returning();
  if (!row) throw new DomainError('do_not_call.not_found', 'no such do-not-call entry');
  await recordAudit(ctx, {
    action: 'contact.may_call',
    entity: 'contacts',
    entityId: row.contactId,
    before: { phone: row.phone, reason: row.reason, source: row.source },
  });
}

async function region(ctx: Ctx) {
  return clients.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale);
}
