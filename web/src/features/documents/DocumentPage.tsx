import type { DocumentStatus } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { useCanRead } from '../../lib/session';
import { CreditLimitWarning } from '../receivables';
import { DocumentPreview } from './DocumentPreview';
import { docxUrl, pdfUrl, sendDocument, useDocument, useDocumentStatus } from './use-documents';

const NEXT: Record<DocumentStatus, DocumentStatus[]> = {
  draft: ['issued'],
  issued: ['sent', 'paid', 'signed', 'cancelled'],
  sent: ['paid', 'signed', 'cancelled'],
  paid: ['signed', 'cancelled'],
  signed: ['paid', 'cancelled'],
  cancelled: [],
};

// One document: its preview (a draft's PDF is a preview; issuing freezes it), status changes,
// downloads and sending by e-mail.
export function DocumentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const doc = useDocument(id);
  const status = useDocumentStatus(id);
  const seesMoney = useCanRead('finance');
  if (!doc.data) return <Text>{doc.error ? errorMessage(doc.error) : t('common.loading')}</Text>;
  const d = doc.data;
  const move = (s: DocumentStatus) =>
    status.mutate(s, {
      onSuccess: (after) => {
        if (after.warnings?.some((w) => w.code === 'credit_limit.exceeded'))
          notifications.show({ color: 'orange', message: t('receivables.issuedOverLimit') });
      },
      onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
    });
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t(`documents.types.${d.type}`)}
            {d.number ? ` № ${d.number}` : ''} {t('documents.of')} {formatDate(d.date)}
          </Title>
          <Group gap="xs">
            <Badge>{t(`documents.statuses.${d.status}`)}</Badge>
            <Text>{d.buyerName ?? '—'}</Text>
            <Text fw={600}>{formatMoney(d.totalKopecks)}</Text>
            {d.dealId && (
              <Anchor component={Link} to={`/deals/${d.dealId}`}>
                {t('documents.deal')}
              </Anchor>
            )}
          </Group>
        </div>
        <Group>
          {NEXT[d.status].map((s) => (
            <Button
              key={s}
              variant={s === 'issued' ? 'filled' : 'default'}
              color={s === 'cancelled' ? 'red' : undefined}
              loading={status.isPending && status.variables === s}
              onClick={() => move(s)}
            >
              {t(`documents.actions.${s}`)}
            </Button>
          ))}
        </Group>
      </Group>
      {seesMoney && d.type === 'invoice' && d.status === 'draft' && d.companyId && (
        <CreditLimitWarning companyId={d.companyId} amountKopecks={d.totalKopecks} />
      )}
      <Group>
        <Button component="a" href={pdfUrl(id)} download variant="default">
          {t('documents.downloadPdf')}
        </Button>
        {d.templateId && (
          <Button component="a" href={docxUrl(id)} download variant="default">
            {t('documents.downloadDocx')}
          </Button>
        )}
      </Group>
      {d.status !== 'draft' && d.status !== 'cancelled' && <SendForm id={id} />}
      <DocumentPreview id={id} version={d.updatedAt} />
    </Stack>
  );
}

function SendForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: () => sendDocument(id, to, text),
    onSuccess: () => notifications.show({ message: t('documents.sendQueued') }),
    onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
  });
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('documents.send')}
          </Title>
          <TextInput
            type="email"
            required
            label={t('documents.sendTo')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Textarea
            label={t('documents.sendText')}
            placeholder={t('documents.sendTextHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending}>
              {t('documents.sendButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
