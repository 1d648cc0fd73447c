import type { Channel } from '@voronka/contract';
import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The public addresses a provider delivers to, each with a copy button and where to paste it. The
// address takes the full width (it is long and unbreakable), the button sits by its label.
export function WebhookUrls({ channel: c }: { channel: Channel }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      {c.webhookUrls.map((w) => {
        const where = `channels.urlHints.${c.kind}.${w.name}`;
        const label = t(`channels.urls.${w.name}`, { defaultValue: w.name });
        return (
          <Stack key={w.name} gap={4}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <CopyButton value={w.url}>
                {({ copied, copy }) => (
                  <Button
                    size="compact-xs"
                    variant={copied ? 'filled' : 'light'}
                    color={copied ? 'teal' : undefined}
                    onClick={copy}
                    aria-label={`${t('channels.copy')}: ${label}`}
                  >
                    {copied ? t('channels.copied') : t('channels.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Code
              block
              data-testid={`webhook-${c.id}-${w.name}`}
              style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            >
              {w.url}
            </Code>
            {i18n.exists(where) ? (
              <Text size="xs" c="dimmed">
                {t(where)}
              </Text>
            ) : null}
          </Stack>
        );
      })}
    </Stack>
  );
}
