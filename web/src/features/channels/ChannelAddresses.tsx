import type { Channel } from '@voronka/contract';
import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyField } from '../../ui/CopyField';
import { useForms } from '../forms';
import { WebhookUrls } from './WebhookUrls';

// Where a channel's provider delivers. A website form's channel has one snippet to paste — the
// form's own embed code, the same as on the form's page (one snippet per form), with a link there.
export function ChannelAddresses({ channel: c }: { channel: Channel }) {
  const formId =
    c.kind === 'web' && typeof c.settings.formId === 'string' ? c.settings.formId : null;
  if (!formId) return c.webhookUrls.length ? <WebhookUrls channel={c} /> : null;
  return <FormEmbed channel={c} formId={formId} />;
}

function FormEmbed({ channel: c, formId }: { channel: Channel; formId: string }) {
  const { t } = useTranslation();
  const form = useForms().data?.find((f) => f.id === formId);
  if (!form) return <WebhookUrls channel={c} />;
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        {t('channels.formEmbed')}
      </Text>
      <CopyField
        value={form.embedCode}
        testId={`channel-embed-${c.id}`}
        copyLabel={t('common.copy')}
        copiedLabel={t('common.copied')}
      />
      <Anchor component={Link} to={`/settings/forms/${form.id}`} size="xs">
        {t('channels.openForm')}
      </Anchor>
    </Stack>
  );
}
