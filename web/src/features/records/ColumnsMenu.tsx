import { Button, Checkbox, Popover, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Which columns the list shows (the name always does); a saved view remembers the choice.
export function ColumnsMenu({
  primaryId,
  all,
  shown,
  onChange,
}: {
  primaryId: string;
  all: { id: string; label: string }[];
  shown: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...shown, id] : shown.filter((c) => c !== id);
    // Shown in the order the list defines them, whatever the order of clicks.
    onChange([primaryId, ...all.map((c) => c.id).filter((c) => next.includes(c))]);
  };
  return (
    <Popover position="bottom-end" shadow="md" width={260} withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default">{t('records.columns')}</Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Text size="xs" c="dimmed" mb="xs">
          {t('records.columnsHint')}
        </Text>
        <Stack gap={8} mah={360} style={{ overflowY: 'auto' }}>
          {all.map((c) => (
            <Checkbox
              key={c.id}
              label={c.label}
              checked={shown.includes(c.id)}
              onChange={(e) => toggle(c.id, e.currentTarget.checked)}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
