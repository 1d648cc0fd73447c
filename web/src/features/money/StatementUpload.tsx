import type { BankStatement } from '@voronka/contract';
import { Alert, Button, FileButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useUploadStatement } from './use-money';

// Upload a 1CClientBankExchange file; the answer says what was matched and what waits for a person.
export function StatementUpload() {
  const { t } = useTranslation();
  const upload = useUploadStatement();
  const [result, setResult] = useState<BankStatement | null>(null);
  const pick = (file: File | null) => {
    if (!file) return;
    setResult(null);
    upload.mutate(file, { onSuccess: setResult });
  };
  return (
    <Stack gap="xs">
      <Group>
        <FileButton onChange={pick} accept=".txt,text/plain">
          {(props) => (
            <Button {...props} loading={upload.isPending}>
              {t('money.upload')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          {t('money.uploadHint')}
        </Text>
      </Group>
      {upload.isPending && <Progress value={100} animated aria-label={t('money.uploading')} />}
      {upload.error && (
        <Alert color="red" role="alert">
          {errorMessage(upload.error)}
        </Alert>
      )}
      {result && (
        <Alert color="green" role="status">
          {t('money.uploaded', {
            documents: result.documents,
            matched: result.matched,
            review: result.review,
            duplicates: result.duplicates,
            ignored: result.ignored,
          })}
        </Alert>
      )}
    </Stack>
  );
}
