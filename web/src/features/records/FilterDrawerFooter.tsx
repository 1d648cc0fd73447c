import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// The foot of a filters drawer: reset the drawer's filters, or close it to see the results. Kept in
// view at the bottom of a long list of filters.
export function FilterDrawerFooter({
  onReset,
  resetDisabled,
  onClose,
}: {
  onReset: () => void;
  resetDisabled: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group
      justify="space-between"
      py="sm"
      style={{
        position: 'sticky',
        bottom: 0,
        background: 'var(--mantine-color-body)',
        borderTop: '1px solid var(--mantine-color-default-border)',
        zIndex: 2,
      }}
    >
      <Button variant="subtle" onClick={onReset} disabled={resetDisabled}>
        {t('records.resetFilters')}
      </Button>
      <Button onClick={onClose}>{t('records.showResults')}</Button>
    </Group>
  );
}
