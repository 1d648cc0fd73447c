import type { SlaPolicy } from '@voronka/contract';
import { ActionIcon, Alert, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { formatSeconds } from './duration';
import { channelLabel } from './labels';
import { SlaPolicyDialog } from './SlaPolicyDialog';
import { useSlaMutations, useSlaPolicies } from './use-routing';

// The ordered SLA policies: the first enabled one matching a request's channel and priority sets its deadline.
export function SlaTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const policies = useSlaPolicies();
  const { update, remove } = useSlaMutations();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const list = policies.data ?? [];
  // Taking the neighbour's place swaps the two (the server shifts the ones between).
  const move = (index: number, by: -1 | 1) => {
    const policy = list[index];
    const neighbour = list[index + by];
    if (policy && neighbour) update.mutate({ id: policy.id, body: { position: neighbour.position } });
  };

  if (policies.isPending) return <Loader aria-label={t('common.loading')} />;
  if (policies.error) return <Alert color="red">{errorMessage(policies.error)}</Alert>;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('routingSettings.sla.hint')}
        </Text>
        {canEdit ? <Button onClick={() => setEditing('new')}>{t('routingSettings.sla.add')}</Button> : null}
      </Group>
      {list.length === 0 ? <Alert color="gray">{t('routingSettings.sla.empty')}</Alert> : null}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('routingSettings.sla.list')}>
        {list.map((p, i) => (
          <Paper key={p.id} component="li" withBorder p="sm" radius="md" data-testid={`sla-${p.id}`}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
                <Group gap="xs">
                  <Badge variant="light" color="gray" aria-hidden>
                    {i + 1}
                  </Badge>
                  <Text fw={600}>{p.name}</Text>
                  {!p.enabled ? <Badge color="gray">{t('routingSettings.rules.disabled')}</Badge> : null}
                </Group>
                <Text size="sm">
                  {t('routingSettings.sla.summary', {
                    time: formatSeconds(p.responseSeconds, t),
                    clock: p.businessHours ? t('routingSettings.sla.inBusinessHours') : t('routingSettings.sla.aroundTheClockLower'),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {[
                    p.channels.length ? p.channels.map((c) => channelLabel(t, c)).join(', ') : t('routingSettings.sla.allChannels'),
                    p.minPriority !== null ? t('routingSettings.sla.fromPriority', { n: p.minPriority }) : null,
                    t('routingSettings.sla.warnAt', { n: p.warnPercent }),
                    t('routingSettings.sla.moves', { n: p.maxMoves }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </Stack>
              {canEdit ? (
                <Group gap={4} wrap="wrap">
                  <ActionIcon variant="default" aria-label={t('routingSettings.rules.moveUp', { name: p.name })} disabled={i === 0 || update.isPending} onClick={() => move(i, -1)}>
                    ↑
                  </ActionIcon>
                  <ActionIcon variant="default" aria-label={t('routingSettings.rules.moveDown', { name: p.name })} disabled={i === list.length - 1 || update.isPending} onClick={() => move(i, 1)}>
                    ↓
                  </ActionIcon>
                  <Button size="xs" variant="light" onClick={() => setEditing(p)} aria-label={t('routingSettings.rules.editNamed', { name: p.name })}>
                    {t('common.edit')}
                  </Button>
                  <ConfirmButton
                    ariaLabel={t('routingSettings.rules.deleteNamed', { name: p.name })}
                    title={t('routingSettings.sla.deleteTitle')}
                    message={t('routingSettings.sla.deleteMessage', { name: p.name })}
                    onConfirm={() => remove.mutate(p.id)}
                  />
                </Group>
              ) : null}
            </Group>
          </Paper>
        ))}
      </Stack>
      {editing ? <SlaPolicyDialog policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}
