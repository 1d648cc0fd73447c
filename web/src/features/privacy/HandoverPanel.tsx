import { Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { FormAlert } from '../../ui/FormAlert';
import { useActiveUsers } from '../teams';
import { useHandOver, useHandoverPreview } from './use-privacy';

// A leaving member's book: counts, one or several receivers (in turn), one action, then deactivated.
export function HandoverPanel() {
  const { t } = useTranslation();
  const users = useActiveUsers();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string[]>([]);
  const preview = useHandoverPreview(from);
  const [done, setDone] = useState<string | null>(null);
  const handOver = useHandOver({
    onSuccess: () => {
      setDone(t('privacy.handover.done'));
      setTo([]);
    },
  });
  const options = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const counts = preview.data?.counts;
  return (
    <Stack maw={640}>
      <Select
        label={t('privacy.handover.from')}
        data={options}
        value={from}
        onChange={(v) => {
          setFrom(v);
          setDone(null);
        }}
        searchable
      />
      {counts ? (
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {(['companies', 'contacts', 'deals', 'leads', 'tasks'] as const).map((k) => (
            <Stack key={k} gap={0}>
              <Text size="xl" fw={600}>
                {counts[k]}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`privacy.handover.counts.${k}`)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
      ) : null}
      <MultiSelect
        label={t('privacy.handover.to')}
        description={t('privacy.handover.toHint')}
        data={options.filter((o) => o.value !== from)}
        value={to}
        onChange={setTo}
        searchable
      />
      {handOver.error ? <FormAlert message={errorMessage(handOver.error)} /> : null}
      {done ? <Alert color="green">{done}</Alert> : null}
      <Group>
        <Button
          disabled={!from || to.length === 0}
          loading={handOver.isPending}
          onClick={() => from && handOver.mutate({ fromMemberId: from, toMemberIds: to })}
        >
          {t('privacy.handover.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
