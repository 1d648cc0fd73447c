import type { Ctx } from '../../platform/context.js';

// A person's card read or exported, told to whoever keeps the access log of personal data
// (privacy, later in the module order, declares its listener here when its service loads). Called
// in the reading request's transaction, so the log row commits with the read.
export type CardRead = {
  entity: 'contacts' | 'companies';
  ids: string[];
  how: 'view' | 'export' | 'vcard';
};
type Listener = (ctx: Ctx, read: CardRead) => Promise<unknown>;

const listeners: Listener[] = [];

export function onCardRead(listener: Listener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function cardRead(ctx: Ctx, read: CardRead): Promise<void> {
  if (!read.ids.length) return;
  for (const l of listeners) await l(ctx, read);
}
