import type { MeetingType, MeetingTypeCreateBody, MeetingTypeUpdateBody } from '@voronka/contract';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as workspaces from '../workspaces/service.js';
import { meetingTypes } from './tables.js';

// Meeting types are workspace settings, like website forms: members read them, changing them takes
// the workspace's update right (routes.ts). A deleted one stops taking bookings; its bookings stay.

export type MeetingTypeRow = typeof meetingTypes.$inferSelect;
export type LinkDeps = { publicUrl: string };

export const bookingPageUrl = (publicUrl: string, workspaceSlug: string, typeSlug: string) =>
  `${publicUrl.replace(/\/$/, '')}/book/${encodeURIComponent(workspaceSlug)}/${encodeURIComponent(typeSlug)}`;

export const toMeetingType = (r: MeetingTypeRow, publicUrl: string): MeetingType => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  durationMin: r.durationMin,
  bufferBeforeMin: r.bufferBeforeMin,
  bufferAfterMin: r.bufferAfterMin,
  minNoticeMin: r.minNoticeMin,
  horizonDays: r.horizonDays,
  dailyLimit: r.dailyLimit,
  locationKind: r.locationKind,
  locationDetail: r.locationDetail,
  questions: r.questions,
  hostMode: r.hostMode,
  hosts: r.hosts,
  active: r.active,
  publicUrl,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const live = (ctx: Ctx) =>
  and(eq(meetingTypes.workspaceId, ctx.workspaceId), isNull(meetingTypes.deletedAt));

async function urlOf(ctx: Ctx, deps: LinkDeps): Promise<(slug: string) => string> {
  const ws = await workspaces.getWorkspace(ctx);
  return (slug) => bookingPageUrl(deps.publicUrl, ws.slug, slug);
}

export async function listMeetingTypes(ctx: Ctx, deps: LinkDeps): Promise<MeetingType[]> {
  const url = await urlOf(ctx, deps);
  const rows = await ctx.tx
    .select()
    .from(meetingTypes)
    .where(live(ctx))
    .orderBy(asc(meetingTypes.name), asc(meetingTypes.id));
  return rows.map((r) => toMeetingType(r, url(r.slug)));
}

export async function findMeetingTypeRow(ctx: Ctx, id: string): Promise<MeetingTypeRow> {
  const [row] = await ctx.tx
    .select()
    .from(meetingTypes)
    .where(and(live(ctx), eq(meetingTypes.id, id)));
  if (!row) throw new DomainError('meeting_type.not_found', 'no such meeting type');
  return row;
}

export async function getMeetingType(ctx: Ctx, deps: LinkDeps, id: string): Promise<MeetingType> {
  const row = await findMeetingTypeRow(ctx, id);
  return toMeetingType(row, (await urlOf(ctx, deps))(row.slug));
}

// Every host must be an active member of this workspace (a member of another is not found).
async function assertHosts(ctx: Ctx, hosts: { memberId: string }[]): Promise<void> {
  const seen = new Set<string>();
  for (const [i, h] of hosts.entries()) {
    if (seen.has(h.memberId))
      throw new DomainError('request.invalid', 'a host is listed twice', {
        field: `hosts.${i}.memberId`,
      });
    seen.add(h.memberId);
    const member = await workspaces.getUser(ctx, h.memberId).catch(() => null);
    if (!member || member.status !== 'active')
      throw new DomainError('request.invalid', 'not an active member of this workspace', {
        field: `hosts.${i}.memberId`,
      });
  }
}

async function assertSlugFree(ctx: Ctx, slug: string, exceptId?: string): Promise<void> {
  const [row] = await ctx.tx
    .select({ id: meetingTypes.id })
    .from(meetingTypes)
    .where(and(live(ctx), eq(meetingTypes.slug, slug)));
  if (row && row.id !== exceptId)
    throw new DomainError('meeting_type.slug_taken', 'another meeting type has this address', {
      field: 'slug',
    });
}

export async function createMeetingType(
  ctx: Ctx,
  deps: LinkDeps,
  body: MeetingTypeCreateBody,
): Promise<MeetingType> {
  await assertHosts(ctx, body.hosts);
  await assertSlugFree(ctx, body.slug);
  const id = newId();
  await ctx.tx.insert(meetingTypes).values({ ...body, workspaceId: ctx.workspaceId, id });
  const after = await getMeetingType(ctx, deps, id);
  await recordAudit(ctx, {
    action: 'meeting_type.created',
    entity: 'meeting_types',
    entityId: id,
    after,
  });
  return after;
}

export async function updateMeetingType(
  ctx: Ctx,
  deps: LinkDeps,
  id: string,
  body: MeetingTypeUpdateBody,
): Promise<MeetingType> {
  const before = await getMeetingType(ctx, deps, id);
  if (body.hosts) await assertHosts(ctx, body.hosts);
  if (body.slug !== undefined) await assertSlugFree(ctx, body.slug, id);
  await ctx.tx
    .update(meetingTypes)
    .set({ ...body, updatedAt: new Date() })
    .where(and(live(ctx), eq(meetingTypes.id, id)));
  const after = await getMeetingType(ctx, deps, id);
  await recordAudit(ctx, {
    action: 'meeting_type.updated',
    entity: 'meeting_types',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function deleteMeetingType(ctx: Ctx, id: string): Promise<void> {
  await findMeetingTypeRow(ctx, id);
  await ctx.tx
    .update(meetingTypes)
    .set({ deletedAt: new Date(), active: false })
    .where(and(live(ctx), eq(meetingTypes.id, id)));
  await recordAudit(ctx, { action: 'meeting_type.deleted', entity: 'meeting_types', entityId: id });
}
