import type { ConsentEvent, ConsentLog, ConsentRecordBody } from '@voronka/contract';
import { ConsentRecordBody as Body } from '@voronka/contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/rls.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import { consentEvents } from './tables.js';

type Row = typeof consentEvents.$inferSelect;
type FormConsent = { version: number; text: string; at: string; ip: string | null };

const fromRow = (r: Row): ConsentEvent => ({
  id: r.id,
  contactId: r.contactId,
  kind: r.kind,
  purpose: r.purpose,
  textVersion: r.textVersion,
  text: r.text,
  source: r.source,
  at: r.at.toISOString(),
  ip: r.ip,
  memberId: r.memberId,
  origin: 'log',
  leadId: null,
});

// Consents ticked on website forms, read through from the requests that carried them (forms and
// leads come before privacy, so they do not write here; reading them keeps one truth, no backfill).
async function formConsents(ctx: Ctx, contactId: string): Promise<ConsentEvent[]> {
  const rows = rowsOf<{ id: string; consent: FormConsent }>(
    await ctx.tx.execute(
      sql`select id, consent from leads
        where workspace_id = ${ctx.workspaceId} and contact_id = ${contactId} and consent is not null`,
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    contactId,
    kind: 'given' as const,
    purpose: 'processing',
    textVersion: String(r.consent.version),
    text: r.consent.text,
    source: 'form' as const,
    at: new Date(r.consent.at).toISOString(),
    ip: r.consent.ip,
    memberId: null,
    origin: 'form' as const,
    leadId: r.id,
  }));
}

export async function listConsents(ctx: Ctx, contactId: string): Promise<ConsentLog> {
  const contact = await clients.getContact(ctx, contactId);
  const own = await ctx.tx
    .select()
    .from(consentEvents)
    .where(
      and(eq(consentEvents.workspaceId, ctx.workspaceId), eq(consentEvents.contactId, contactId)),
    )
    .orderBy(desc(consentEvents.at), desc(consentEvents.id));
  const items = [...own.map(fromRow), ...(await formConsents(ctx, contactId))].sort((a, b) =>
    a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1,
  );
  return { consent: contact.consent, items };
}

// A consent or its withdrawal, entered by hand (a signed paper, a call, an e-mail) or by another
// channel: appended to the log, and the contact's flag follows the latest entry — a withdrawal
// turns it off, and campaigns, which read the flag, stop at once.
export async function recordConsent(
  ctx: Ctx,
  contactId: string,
  input: ConsentRecordBody,
): Promise<ConsentLog> {
  const body = Body.parse(input);
  const contact = await clients.getContact(ctx, contactId);
  const at = body.at ? new Date(body.at) : new Date();
  if (at.getTime() > Date.now() + 60_000)
    throw new DomainError('request.invalid', 'a consent cannot be given in the future', {
      field: 'at',
    });
  const row = {
    workspaceId: ctx.workspaceId,
    id: newId(),
    contactId,
    kind: body.kind,
    purpose: body.purpose,
    textVersion: body.textVersion ?? null,
    text: body.text ?? null,
    source: body.source,
    at,
    // The address it came from: a person entering a paper consent by hand has none to give.
    ip: body.source === 'manual' ? null : ctx.ip,
    memberId: ctx.actor.memberId,
  };
  await ctx.tx.insert(consentEvents).values(row);
  const log = await listConsents(ctx, contactId);
  // The flag follows the newest entry of the log (an older paper entered late changes nothing).
  const latest = log.items[0]!;
  if (latest.id === row.id && contact.consent !== body.kind)
    await clients.updateContact(ctx, contactId, { consent: body.kind });
  await recordAudit(ctx, {
    action: body.kind === 'given' ? 'privacy.consent_given' : 'privacy.consent_withdrawn',
    entity: 'contacts',
    entityId: contactId,
    after: { purpose: row.purpose, source: row.source, textVersion: row.textVersion, at },
  });
  return { ...log, consent: latest.id === row.id ? body.kind : contact.consent };
}

// A consent flag set by hand on the contact form (PATCH /contacts/:id, POST /contacts): an entry
// of the log with source `manual`, in the same transaction. The flag is already set; the entry is
// the newest, so nothing else follows.
clients.onConsentChanged((ctx, change) =>
  ctx.tx.insert(consentEvents).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    contactId: change.contactId,
    kind: change.kind,
    purpose: 'processing',
    source: 'manual',
    at: new Date(),
    ip: ctx.ip,
    memberId: ctx.actor.memberId,
  }),
);
