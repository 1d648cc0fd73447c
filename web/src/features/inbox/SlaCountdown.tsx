import type { ConversationSummary } from '@voronka/contract';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../lib/i18n';
import { formatSpan, slaClock, slaColor } from './sla-clock';

type Props = {
  conversation: Pick<ConversationSummary, 'firstResponseDueAt' | 'firstRespondedAt' | 'createdAt'>;
  now: number;
  size?: 'xs' | 'sm';
};

// The first-response clock: time left (orange in the last 5 minutes), "просрочено" once missed,
// or how fast it was answered. `now` comes from the caller's one shared ticker (useNow).
export function SlaCountdown({ conversation, now, size = 'xs' }: Props) {
  const { t } = useTranslation();
  const clock = slaClock(conversation, now);
  if (!clock) return null;
  const lng = currentLanguage();
  const text =
    clock.state === 'responded'
      ? clock.seconds === null
        ? t('inbox.sla.respondedNoTime')
        : t('inbox.sla.responded', { time: formatSpan(clock.seconds, lng) })
      : clock.state === 'overdue'
        ? t('inbox.sla.overdue', { time: formatSpan(clock.seconds, lng) })
        : t('inbox.sla.left', { time: formatSpan(clock.seconds, lng) });
  return (
    <Text
      span
      size={size}
      c={slaColor[clock.state] ?? 'dimmed'}
      fw={clock.state === 'soon' || clock.state === 'overdue' ? 700 : 500}
      style={{ flexShrink: 0, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
      data-testid="sla-countdown"
      data-state={clock.state}
    >
      {text}
    </Text>
  );
}

export const isCountingDown = (
  c: Pick<ConversationSummary, 'firstResponseDueAt' | 'firstRespondedAt'>,
) => Boolean(c.firstResponseDueAt && !c.firstRespondedAt);
