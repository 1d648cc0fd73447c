import type { Availability } from '@voronka/contract';
import { Anchor, Button, Code, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../ui/FormAlert';
import { useChannels } from '../channels/use-channels';
import { problemFieldErrors } from './problem-fields';
import { useTelegramLink } from './use-routing';

// Routing notices in the member's own Telegram, through one of the workspace's bots: a one-time
// link (t.me/<bot>?start=<code>) the member opens; the bot's intake recognises the code.
export function TelegramNotices({
  availability: a,
  own,
}: {
  availability: Availability;
  own: boolean;
}) {
  const { t } = useTranslation();
  const bots = (useChannels().data ?? []).filter((c) => c.kind === 'telegram' && c.enabled);
  const { link, unlink, refresh } = useTelegramLink(a.memberId);
  const [channelId, setChannelId] = useState<string | null>(null);
  const chosen = channelId ?? bots[0]?.id ?? null;
  const errors = problemFieldErrors(link.error ?? unlink.error, ['channelId']);
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h5">
          {t('routingSettings.telegram.title')}
        </Title>
        {a.telegramLinked ? (
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" c="teal">
              {t('routingSettings.telegram.linked')}
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={unlink.isPending}
              onClick={() => unlink.mutate()}
            >
              {t('routingSettings.telegram.unlink')}
            </Button>
          </Group>
        ) : !own ? (
          <Text size="sm" c="dimmed">
            {t('routingSettings.telegram.notLinked')}
          </Text>
        ) : bots.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('routingSettings.telegram.noBot')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('routingSettings.telegram.hint')}
            </Text>
            <Group align="flex-end" wrap="wrap">
              {bots.length > 1 ? (
                <Select
                  label={t('routingSettings.telegram.bot')}
                  data={bots.map((b) => ({ value: b.id, label: b.name }))}
                  value={chosen}
                  onChange={setChannelId}
                  allowDeselect={false}
                  error={errors.byField.channelId}
                />
              ) : null}
              <Button
                loading={link.isPending}
                disabled={!chosen}
                onClick={() => chosen && link.mutate(chosen)}
              >
                {t('routingSettings.telegram.link')}
              </Button>
            </Group>
            {link.data ? (
              <Stack gap={4}>
                {link.data.url ? (
                  <Anchor href={link.data.url} target="_blank" rel="noopener noreferrer">
                    {t('routingSettings.telegram.open')}
                  </Anchor>
                ) : null}
                <Text size="sm">
                  {t('routingSettings.telegram.orSend')} <Code>/start {link.data.code}</Code>
                </Text>
                <Button size="xs" variant="subtle" onClick={() => void refresh()} w="fit-content">
                  {t('routingSettings.telegram.check')}
                </Button>
              </Stack>
            ) : null}
          </>
        )}
        <FormAlert message={link.error || unlink.error ? errors.rest : null} />
      </Stack>
    </Paper>
  );
}
