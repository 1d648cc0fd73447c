import { Button, Code, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useFeed, useRegenerateFeed, useRevokeFeed } from './use-calendar';

// The member's ICS feed: get a secret link (shown once), regenerate it, or turn it off.
export function FeedButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const feed = useFeed();
  const make = useRegenerateFeed();
  const revoke = useRevokeFeed();
  const url = make.data?.url ?? null;
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        {t('calendar.feed.button')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('calendar.feed.title')}>
        <Stack>
          <Text size="sm">{t('calendar.feed.hint')}</Text>
          {url ? (
            <Code block style={{ wordBreak: 'break-all' }}>
              {url}
            </Code>
          ) : (
            <Text size="sm" c="dimmed">
              {feed.data?.active
                ? t('calendar.feed.active', { when: formatDateTime(feed.data.createdAt) })
                : t('calendar.feed.none')}
            </Text>
          )}
          <Button loading={make.isPending} onClick={() => make.mutate()}>
            {feed.data?.active ? t('calendar.feed.regenerate') : t('calendar.feed.make')}
          </Button>
          {feed.data?.active ? (
            <Button
              color="red"
              variant="light"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(undefined, { onSuccess: () => make.reset() })}
            >
              {t('calendar.feed.revoke')}
            </Button>
          ) : null}
        </Stack>
      </Modal>
    </>
  );
}
