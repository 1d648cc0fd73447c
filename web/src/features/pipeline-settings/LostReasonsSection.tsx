import type { LostReason } from '@voronka/contract';
import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllLostReasons, useLostReasonMutations } from './use-pipeline-settings';

// Why deals are lost: the list the board asks from when a card goes to a «lost» stage. A reason in
// use cannot vanish from old deals, so it is archived (hidden from the choice) rather than deleted.
export function LostReasonsSection({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const reasons = useAllLostReasons();
  const { create } = useLostReasonMutations();
  const [name, setName] = useState('');
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim(), { onSuccess: () => setName('') });
  };

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} radius="md">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('pipelineSettings.lostReasons')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('pipelineSettings.lostReasonsHint')}
          </Text>
        </div>
        <Stack gap={6} role="list" aria-label={t('pipelineSettings.lostReasons')}>
          {(reasons.data ?? []).map((r) => (
            <ReasonRow key={r.id} reason={r} canManage={canManage} />
          ))}
        </Stack>
        <form onSubmit={add}>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('pipelineSettings.newReason')}
              value={name}
              maxLength={120}
              disabled={!canManage}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: '1 1 220px' }}
            />
            <Button
              type="submit"
              variant="light"
              disabled={!canManage || !name.trim()}
              loading={create.isPending}
            >
              {t('pipelineSettings.addReason')}
            </Button>
          </Group>
        </form>
      </Stack>
    </Paper>
  );
}

function ReasonRow({ reason, canManage }: { reason: LostReason; canManage: boolean }) {
  const { t } = useTranslation();
  const { update } = useLostReasonMutations();
  const [name, setName] = useState(reason.name);
  const changed = name.trim() !== '' && name.trim() !== reason.name;
  const rename = (e: FormEvent) => {
    e.preventDefault();
    if (changed) update.mutate({ id: reason.id, body: { name: name.trim() } });
  };
  return (
    <form onSubmit={rename} role="listitem">
      <Group gap="xs" wrap="wrap" align="center" style={{ opacity: reason.archived ? 0.65 : 1 }}>
        <TextInput
          aria-label={t('pipelineSettings.reasonName', { name: reason.name })}
          value={name}
          maxLength={120}
          disabled={!canManage}
          onChange={(e) => setName(e.currentTarget.value)}
          style={{ flex: '1 1 200px' }}
        />
        {reason.archived ? (
          <Badge variant="light" color="gray">
            {t('pipelineSettings.archived')}
          </Badge>
        ) : null}
        <Group gap="xs" wrap="nowrap">
          {changed ? (
            <Button type="submit" size="xs" variant="light" loading={update.isPending}>
              {t('common.save')}
            </Button>
          ) : null}
          <Button
            size="xs"
            variant="subtle"
            color={reason.archived ? 'blue' : 'gray'}
            disabled={!canManage}
            aria-label={t(
              reason.archived ? 'pipelineSettings.restoreName' : 'pipelineSettings.archiveName',
              { name: reason.name },
            )}
            onClick={() => update.mutate({ id: reason.id, body: { archived: !reason.archived } })}
          >
            {t(reason.archived ? 'pipelineSettings.restore' : 'pipelineSettings.archive')}
          </Button>
        </Group>
      </Group>
    </form>
  );
}
