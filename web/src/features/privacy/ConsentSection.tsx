import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { useCanWrite } from '../../lib/use-can-write';
import { CardSection } from '../records/RecordCard';
import { useConsentLog, useRecordConsent } from './use-privacy';

// A contact's consent log (152-FZ): every consent and withdrawal with its purpose, text version,
// source, time and address; a withdrawal recorded here turns the contact's consent off.
export function ConsentSection({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const log = useConsentLog(contactId);
  const record = useRecordConsent(contactId);
  const canCreate = useCanWrite('privacy', 'create');
  const [purpose, setPurpose] = useState('');
  const [kind, setKind] = useState<'given' | 'withdrawn'>('withdrawn');
  if (!log.data) return null;
  return (
    <CardSection title={t('privacy.consents.title')}>
      <Stack gap="xs">
        {log.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('privacy.consents.empty')}
          </Text>
        ) : null}
        {log.data.items.map((e) => (
          <Stack key={e.id} gap={0}>
            <Group gap={6}>
              <Badge color={e.kind === 'given' ? 'green' : 'red'} variant="light">
                {t(`privacy.consents.kind.${e.kind}`)}
              </Badge>
              <Text size="sm">
                {e.purpose === 'processing' ? t('privacy.consents.processing') : e.purpose}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {[
                formatDateTime(e.at),
                t(`privacy.consents.source.${e.source}`),
                e.textVersion ? t('privacy.consents.version', { version: e.textVersion }) : null,
                e.ip ? `IP ${e.ip}` : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
        ))}
        {canCreate ? (
          <Group gap="xs" align="end">
            <Select
              aria-label={t('privacy.consents.kindLabel')}
              size="xs"
              w={140}
              data={[
                { value: 'withdrawn', label: t('privacy.consents.kind.withdrawn') },
                { value: 'given', label: t('privacy.consents.kind.given') },
              ]}
              value={kind}
              onChange={(v) => setKind(v === 'given' ? 'given' : 'withdrawn')}
              allowDeselect={false}
            />
            <TextInput
              size="xs"
              aria-label={t('privacy.consents.purpose')}
              placeholder={t('privacy.consents.processing')}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="light"
              loading={record.isPending}
              onClick={() =>
                record.mutate(
                  { kind, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) },
                  { onSuccess: () => setPurpose('') },
                )
              }
            >
              {t('privacy.consents.record')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </CardSection>
  );
}
