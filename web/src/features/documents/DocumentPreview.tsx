import { Alert, Anchor, Group, Loader, Paper, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readApiError } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { pdfUrl } from './use-documents';

type State =
  | { kind: 'loading' }
  | { kind: 'pending' }
  | { kind: 'ready'; url: string }
  | {
      kind: 'error';
      message: string;
    };

// The document's PDF shown in the page before it is issued (a draft renders on the fly). A PDF
// from a DOCX template is made by a server job: the server answers 202 with Retry-After until it
// is ready, and the preview asks again after that many seconds.
export function DocumentPreview({ id, version }: { id: string; version: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const src = `${pdfUrl(id)}?v=${encodeURIComponent(version)}`;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch(src, {
          credentials: 'same-origin',
        });
        if (cancelled) return;
        if (res.status === 202) {
          setState({ kind: 'pending' });
          const wait = Number(res.headers.get('retry-after')) || 2;
          timer = setTimeout(() => void load(), wait * 1000);
          return;
        }
        if (!res.ok) {
          setState({ kind: 'error', message: errorMessage(await readApiError(res)) });
          return;
        }
        // Ready: the frame loads the same address (our policy lets only our own pages frame it).
        await res.body?.cancel();
        if (!cancelled) setState({ kind: 'ready', url: src });
      } catch {
        if (!cancelled) setState({ kind: 'error', message: t('errors.generic') });
      }
    };
    setState({ kind: 'loading' });
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [id, version, t]);

  return (
    <Paper withBorder aria-label={t('documents.preview')} data-testid="document-preview">
      {state.kind === 'ready' ? (
        <iframe
          src={state.url}
          title={t('documents.preview')}
          style={{ width: '100%', height: '75vh', border: 0, display: 'block' }}
        />
      ) : state.kind === 'error' ? (
        <Alert color="red" m="md" role="alert">
          {state.message} <Anchor href={pdfUrl(id)}>{t('documents.downloadPdf')}</Anchor>
        </Alert>
      ) : (
        <Group p="md" gap="sm" role="status">
          <Loader size="sm" />
          <Text>
            {state.kind === 'pending' ? t('documentPreview.converting') : t('common.loading')}
          </Text>
        </Group>
      )}
    </Paper>
  );
}
