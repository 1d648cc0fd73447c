import type { SlaPolicy } from '@voronka/contract';
import { Alert, Loader, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { formatSeconds } from './duration';
import { channelLabel } from './labels';
import { OrderedList } from './OrderedList';
import { SlaPolicyDialog } from './SlaPolicyDialog';
import { useSlaMutations, useSlaPolicies } from './use-routing';

// The ordered SLA policies: the first enabled one matching a request's channel and priority sets its deadline.
export function SlaTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const { update, remove } = useSlaMutations();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const list = policies.data ?? [];

  if (policies.isPending) return <Loader aria-label={t('common.loading')} />;
  if (policies.error) return <Alert color="red">{errorMessage(policies.error)}</Alert>;
  return (
    <Stack>
      <OrderedList<SlaPolicy>
        items={list}
        canEdit={canEdit}
        busy={update.isPending}
        testId={(p) => `sla-${p.id}`}
        texts={{
          hint: t('routingSettings.sla.hint'),
          add: t('routingSettings.sla.add'),
          empty: t('routingSettings.sla.empty'),
          list: t('routingSettings.sla.list'),
          deleteTitle: t('routingSettings.sla.deleteTitle'),
          deleteMessage: (name) => t('routingSettings.sla.deleteMessage', { name }),
        }}
        onAdd={() => setEditing('new')}
        onEdit={setEditing}
        onDelete={(p) => remove.mutate(p.id)}
        onMove={(p, position) => update.mutate({ id: p.id, body: { position } })}
        summary={(p) => (
          <>
            <Text size="sm">
              {t('routingSettings.sla.summary', {
                time: formatSeconds(p.responseSeconds, t),
                clock: p.businessHours
                  ? t('routingSettings.sla.inBusinessHours')
                  : t('routingSettings.sla.aroundTheClockLower'),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {[
                p.channels.length
                  ? p.channels.map((c) => channelLabel(t, c)).join(', ')
                  : t('routingSettings.sla.allChannels'),
                p.minPriority !== null
                  ? t('routingSettings.sla.fromPriority', { n: p.minPriority })
                  : null,
                t('routingSettings.sla.warnAt', { n: p.warnPercent }),
                t('routingSettings.sla.moves', { n: p.maxMoves }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </>
        )}
      />
      {editing ? (
        <SlaPolicyDialog
          policy={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Stack>
  );
}
