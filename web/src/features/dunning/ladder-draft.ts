import type { DunningChannel, DunningPolicy, DunningPolicyBody } from '@voronka/contract';
import { ApiError } from '../../lib/api';

export type StepDraft = {
  offsetDays: number;
  channels: DunningChannel[];
  subject: string;
  text: string;
};
export type LadderDraft = { name: string; enabled: boolean; steps: StepDraft[] };

// A ladder to start from when the workspace has none (Russian: the clients' language).
export const starterLadder = (): LadderDraft => ({
  name: 'Стандартная',
  enabled: true,
  steps: [
    {
      offsetDays: -3,
      channels: ['email'],
      subject: 'Напоминание: счёт № {{number}} к оплате до {{dueDate}}',
      text: 'Здравствуйте! Напоминаем, что счёт № {{number}} от {{date}} на {{amount}} нужно оплатить до {{dueDate}}.\nСчёт: {{link}}',
    },
    {
      offsetDays: 0,
      channels: ['email'],
      subject: 'Сегодня срок оплаты счёта № {{number}}',
      text: 'Здравствуйте! Сегодня срок оплаты счёта № {{number}} от {{date}}, к оплате {{openAmount}}.\nСчёт: {{link}}',
    },
    {
      offsetDays: 3,
      channels: ['email', 'messenger', 'task'],
      subject: 'Счёт № {{number}} просрочен на {{daysOverdue}} дн.',
      text: 'Здравствуйте! Счёт № {{number}} от {{date}} просрочен на {{daysOverdue}} дн., к оплате {{openAmount}}. Если оплата уже прошла, пришлите, пожалуйста, платёжное поручение.\nСчёт: {{link}}',
    },
    {
      offsetDays: 7,
      channels: ['email', 'task'],
      subject: 'Счёт № {{number}}: просрочка {{daysOverdue}} дн.',
      text: 'Здравствуйте! Оплата по счёту № {{number}} от {{date}} просрочена на {{daysOverdue}} дн. Просим оплатить {{openAmount}} или сообщить срок оплаты.\nСчёт: {{link}}',
    },
    {
      offsetDays: 14,
      channels: ['task'],
      subject: 'Позвонить клиенту: счёт № {{number}} просрочен на {{daysOverdue}} дн.',
      text: 'Клиент {{client}} не оплатил счёт № {{number}} на {{openAmount}}.',
    },
  ],
});

export const draftOf = (p: DunningPolicy): LadderDraft => ({
  name: p.name,
  enabled: p.enabled,
  steps: p.steps.map((s) => ({ ...s })),
});

export const bodyOf = (d: LadderDraft): DunningPolicyBody => ({
  name: d.name,
  enabled: d.enabled,
  isDefault: true,
  steps: d.steps,
});

// The server names a field as steps.2.text (a rule) or body.steps.2.text / /steps/2/text (the
// schema): one key per field, as the editor names its inputs.
export function ladderErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const norm = (f: string) => f.replace(/^\/?(body[./])?/, '').replace(/\//g, '.');
  const out: Record<string, string> = {};
  for (const e of err.errors) out[norm(e.field)] ??= e.reason;
  if (err.field) out[norm(err.field)] ??= err.detail;
  return out;
}
