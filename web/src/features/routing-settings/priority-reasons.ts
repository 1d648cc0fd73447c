import type { PriorityReason } from '@voronka/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

// The feature codes the priority score knows, in the order they read best (text, client, channel).
export const priorityFeatureCodes = [
  'product',
  'specification',
  'quantity',
  'budget',
  'deadline',
  'delivery',
  'requisites',
  'legal_entity',
  'order_intent',
  'existing_order',
  'attachment_spec',
  'attachment',
  'calculator',
  'price_only',
  'no_subject',
  'not_a_buyer',
  'known_client',
  'open_deal',
  'past_purchases',
  'channel_web',
  'channel_email',
  'channel_telegram',
  'channel_vk',
  'channel_whatsapp',
  'channel_phone',
] as const;

// A feature code in words ("назван товар из каталога"); a code this build does not know yet reads as itself.
export function priorityReasonText(t: TFunction, code: string): string {
  const key = `priorityReasons.${code}`;
  return t(key, { defaultValue: code });
}

// A reason as shown beside a request: "+ назван товар из каталога", "− спрашивает только цену".
export function priorityReasonLine(
  t: TFunction,
  reason: Pick<PriorityReason, 'code' | 'sign'>,
): string {
  return `${reason.sign === '-' ? '−' : '+'} ${priorityReasonText(t, reason.code)}`;
}

// For components: const reasonText = usePriorityReasonText(); reasonText('product').
export function usePriorityReasonText(): (code: string) => string {
  const { t } = useTranslation();
  return (code) => priorityReasonText(t, code);
}
