import type { ContactUpdateBody, DuplicateRef } from '@voronka/contract';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import * as workspaces from '../workspaces/service.js';
import { defaultPhoneRegion, normalizePhone } from './phones.js';
import { contactPoints, contacts } from './tables.js';

// A contact's points (phones, e-mails, messenger ids) as a body sets them, and who else holds them.

export type PointKind = 'phone' | 'email' | 'telegram' | 'vk' | 'whatsapp';
type Point = { kind: PointKind; value: string; label: string | null };
const messengerKinds = ['telegram', 'vk', 'whatsapp'] as const;

export async function phoneRegion(ctx: Ctx) {
  return defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale);
}

// The points a body sets, normalised, by kind; kinds the body does not mention are left alone.
export async function bodyPoints(
  ctx: Ctx,
  body: ContactUpdateBody,
): Promise<Map<PointKind, Point[]>> {
  const out = new Map<PointKind, Point[]>();
  if (body.phones) {
    const region = await phoneRegion(ctx);
    const phones = body.phones.map((p, i) => ({
      kind: 'phone' as const,
      value: normalizePhone(p.number, region, `phones.${i}.number`),
      label: p.label || null,
    }));
    out.set('phone', uniqueBy(phones));
  }
  if (body.emails)
    out.set(
      'email',
      uniqueBy(
        body.emails.map((e) => ({
          kind: 'email' as const,
          value: e.address,
          label: e.label || null,
        })),
      ),
    );
  for (const kind of messengerKinds) {
    const handle = body.messengers?.[kind];
    if (handle !== undefined)
      out.set(
        kind,
        handle
          ? [{ kind, value: kind === 'telegram' ? handle.replace(/^@/, '') : handle, label: null }]
          : [],
      );
  }
  return out;
}

const uniqueBy = (points: Point[]) =>
  points.filter((p, i) => points.findIndex((o) => o.value === p.value) === i);

export async function replacePoints(ctx: Ctx, contactId: string, points: Map<PointKind, Point[]>) {
  for (const [kind, list] of points) {
    await ctx.tx
      .delete(contactPoints)
      .where(
        and(
          eq(contactPoints.workspaceId, ctx.workspaceId),
          eq(contactPoints.contactId, contactId),
          eq(contactPoints.kind, kind),
        ),
      );
    if (list.length)
      await ctx.tx.insert(contactPoints).values(
        list.map((p, position) => ({
          workspaceId: ctx.workspaceId,
          id: newId(),
          contactId,
          kind,
          value: p.value,
          label: p.label,
          position,
        })),
      );
  }
}

// Other visible contacts reachable by the same phone or e-mail: reported, not refused (colleagues
// share a switchboard number; people re-enter clients), so the caller decides whether to merge.
export async function contactDuplicates(
  ctx: Ctx,
  contactId: string,
  points: Point[],
): Promise<DuplicateRef[]> {
  const keyed = points.filter((p) => p.kind === 'phone' || p.kind === 'email');
  if (!keyed.length) return [];
  const rows = await ctx.tx
    .selectDistinct({ id: contacts.id, name: contacts.fullName, kind: contactPoints.kind })
    .from(contactPoints)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactPoints.workspaceId),
        eq(contacts.id, contactPoints.contactId),
      ),
    )
    .where(
      and(
        eq(contactPoints.workspaceId, ctx.workspaceId),
        ne(contactPoints.contactId, contactId),
        sql`(${contactPoints.kind}, ${contactPoints.value}) in (${sql.join(
          keyed.map((p) => sql`(${p.kind}, ${p.value})`),
          sql`, `,
        )})`,
        workspaces.visibleTo(ctx, 'contacts', contacts.ownerId),
      ),
    )
    .limit(20);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    matchedOn: r.kind === 'phone' ? ('phone' as const) : ('email' as const),
  }));
}
