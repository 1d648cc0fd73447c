import type { Ctx } from '../../platform/context.js';
import * as clients from '../clients/service.js';
import * as workspaces from '../workspaces/service.js';
import type { CallManager } from './calls.js';
import { memberByExtension } from './outgoing-calls.js';

// Who a call is for. The PBX names the employee it rings by extension, phone or (generic format)
// e-mail; the channel's `extensions` setting maps extensions and phones to members' e-mails
// ("101=anna@romashka.ru, 102=oleg@romashka.ru"). Failing that, the owner of the matched contact; failing
// that, every active member whose role may read requests (someone must pick up the call).

export type CallRoute = { managerId: string | null; notify: string[] };

type Member = { id: string; email: string; role: string };

// "101 = anna@romashka.ru", "+7 903 123-45-67=anna@…" → key (extension, or a phone's digits) → e-mail.
export function parseExtensionMap(setting: unknown): Map<string, string> {
  const map = new Map<string, string>();
  // A list, or one text with the pairs separated by line breaks, commas or semicolons.
  const lines = Array.isArray(setting)
    ? setting
    : typeof setting === 'string'
      ? setting.split(/[\r\n,;]+/)
      : [];
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    const m = /^\s*([^=\s][^=]*?)\s*[=:]\s*(\S+@\S+)\s*$/.exec(line);
    if (m) map.set(extensionKey(m[1]!), m[2]!.toLowerCase());
  }
  return map;
}

// Extensions compare as written; phone numbers by their last ten digits ("8 903…" = "+7 903…").
export function extensionKey(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 10 ? digits.slice(-10) : value.trim().toLowerCase();
}

async function activeMembers(ctx: Ctx): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | undefined;
  do {
    const page = await workspaces.listUsers(ctx, { limit: 200, status: 'active', cursor });
    out.push(...page.items.map((u) => ({ id: u.id, email: u.email.toLowerCase(), role: u.role })));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export async function routeCall(
  ctx: Ctx,
  manager: CallManager,
  settings: Record<string, unknown>,
  contactId: string | null,
): Promise<CallRoute> {
  const members = await activeMembers(ctx);
  const byEmail = (email: string | null | undefined) =>
    email ? members.find((m) => m.email === email.toLowerCase()) : undefined;
  const map = parseExtensionMap(settings.extensions);
  const named =
    byEmail(manager.email) ??
    (manager.extension ? byEmail(map.get(extensionKey(manager.extension))) : undefined) ??
    (manager.phone ? byEmail(map.get(extensionKey(manager.phone))) : undefined);
  if (named) return { managerId: named.id, notify: [named.id] };
  // The extension a member put in their profile (click-to-call).
  const own = manager.extension ? await memberByExtension(ctx, manager.extension) : null;
  if (own && members.some((m) => m.id === own)) return { managerId: own, notify: [own] };
  if (contactId) {
    const owner = (await clients.getContact(ctx, contactId, false)).ownerId;
    if (owner && members.some((m) => m.id === owner)) return { managerId: owner, notify: [owner] };
  }
  const { items: roles } = await workspaces.listRoles(ctx);
  const readers = new Set(
    roles.filter((r) => r.permissions.leads?.read).map((r) => r.key as string),
  );
  return { managerId: null, notify: members.filter((m) => readers.has(m.role)).map((m) => m.id) };
}
