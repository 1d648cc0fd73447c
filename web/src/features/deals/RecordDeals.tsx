import { Anchor, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanRead } from '../../lib/session';
import { usePipelines } from '../pipelines/use-pipelines';
import { CardSection } from '../records/RecordCard';
import { formatMoney } from '../../lib/money';
import { useSubjectDeals } from './use-deals';

// The deals of a contact or a company on its card, each a link to its deal card with its stage and
// amount (the newest first); nothing for a role that does not see deals.
export function RecordDeals({
  subject,
}: {
  subject: { contactId: string } | { companyId: string };
}) {
  const { t } = useTranslation();
  const canRead = useCanRead('deals');
  const deals = useSubjectDeals(subject, canRead);
  const stages = new Map(
    (usePipelines().data ?? []).flatMap((p) => p.stages.map((s) => [s.id, s] as const)),
  );
  if (!canRead) return null;
  const items = deals.data?.items ?? [];
  return (
    <CardSection title={t('contacts.deals')}>
      {deals.isPending ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
      {!deals.isPending && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contacts.noDeals')}
        </Text>
      ) : null}
      <Stack gap={6}>
        {items.map((d) => {
          const stage = stages.get(d.stageId);
          return (
            <Group key={d.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
              <div style={{ minWidth: 0 }}>
                <Anchor
                  component={Link}
                  to={`/deals/${d.id}`}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {d.title}
                </Anchor>
                {stage ? (
                  <Group gap={4}>
                    <Badge
                      size="xs"
                      variant="light"
                      color={
                        stage.kind === 'won' ? 'green' : stage.kind === 'lost' ? 'red' : 'blue'
                      }
                    >
                      {stage.name}
                    </Badge>
                  </Group>
                ) : null}
              </div>
              <Text size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                {formatMoney(d.amount, d.currency)}
              </Text>
            </Group>
          );
        })}
      </Stack>
    </CardSection>
  );
}
