import type { ChannelKind } from '@voronka/contract';

// How the channel form shows each kind's settings (the names come from the contract's
// channelFields): a choice where the adapter takes one of a few values, digits where it reads a
// number, read-only where the server fills it in. Anything not listed is free text.
export type FieldLook =
  | { input: 'select'; options: string[]; fallback: string; labels: string }
  | { input: 'text'; numeric?: boolean; placeholder?: string; readOnly?: boolean };

const looks: Partial<Record<`${ChannelKind}.${string}`, FieldLook>> = {
  'telegram.mode': {
    input: 'select',
    options: ['webhook', 'polling'],
    fallback: 'webhook',
    labels: 'channels.modes',
  },
  'telegram.botUsername': { input: 'text', readOnly: true },
  'phone.provider': {
    input: 'select',
    options: ['generic', 'mango'],
    fallback: 'generic',
    labels: 'calls.providers',
  },
  'email.imapPort': { input: 'text', numeric: true, placeholder: '993' },
  'email.smtpPort': { input: 'text', numeric: true, placeholder: '587' },
  'vk.groupId': { input: 'text', numeric: true },
};

export function fieldLook(kind: ChannelKind, key: string): FieldLook {
  return looks[`${kind}.${key}`] ?? { input: 'text' };
}

// A select's value as stored, or its default when the channel has none yet.
export const selectValue = (
  look: Extract<FieldLook, { input: 'select' }>,
  value: string | undefined,
) => (value && look.options.includes(value) ? value : look.fallback);

// Telegram delivers webhooks only to https addresses (ports 443, 80, 88, 8443).
export const telegramNeedsHttps = (mode: unknown, webhookUrl: string | undefined) =>
  mode !== 'polling' && Boolean(webhookUrl?.startsWith('http://'));
