import type { Entity } from '@voronka/contract';
import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanRead } from '../lib/session';

export function RequirePermission({ entity, page }: { entity: Entity; page: ReactNode }) {
  const { t } = useTranslation();
  const canRead = useCanRead(entity);
  if (!canRead) {
    return (
      <Alert color="yellow" title={t('access.deniedTitle')}>
        {t('access.denied')}
      </Alert>
    );
  }
  return page;
}
