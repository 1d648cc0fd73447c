import type { Ctx } from '../../platform/context.js';

// A consent flag changed by hand on the contact form in the app, told to whoever keeps the consent
// log (privacy, later in the module order, declares its listener here when its service loads), in
// the same transaction as the change.
export type ConsentChange = { contactId: string; kind: 'given' | 'withdrawn' };
type Listener = (ctx: Ctx, change: ConsentChange) => Promise<unknown>;

const listeners: Listener[] = [];

export function onConsentChanged(listener: Listener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function consentChanged(ctx: Ctx, change: ConsentChange): Promise<void> {
  for (const l of listeners) await l(ctx, change);
}
