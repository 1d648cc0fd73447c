import type { PriorityReason } from '@voronka/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

// The feature codes the priority score knows, in the order they read best (from the contract).
export { priorityFeatureCodes } from '@voronka/contract';

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
