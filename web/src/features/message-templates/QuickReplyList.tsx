import { Loader, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QUICK_LIST_ID, quickOptionId, type QuickReplies } from './use-quick-replies';

// The picker under the reply box: a listbox the keyboard drives from the text box (aria-activedescendant).
export function QuickReplyList({ quick }: { quick: QuickReplies }) {
  const { t } = useTranslation();
  if (!quick.open) return null;
  return (
    <Paper withBorder shadow="sm" p={4}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed" px={6}>
          {t('messageTemplates.quick.label')} · {t('messageTemplates.quick.hint')}
        </Text>
        {quick.loading ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
        {!quick.loading && quick.matches.length === 0 ? (
          <Text size="sm" c="dimmed" px={6} py={4}>
            {quick.query
              ? t('messageTemplates.quick.none', { q: quick.query })
              : t('messageTemplates.quick.noneAtAll')}
          </Text>
        ) : null}
        <div id={QUICK_LIST_ID} role="listbox" aria-label={t('messageTemplates.quick.label')}>
          {quick.matches.map((tpl, i) => (
            <UnstyledButton
              key={tpl.id}
              id={quickOptionId(tpl.id)}
              role="option"
              aria-selected={i === quick.index}
              tabIndex={-1}
              onMouseEnter={() => quick.hover(i)}
              // Keep the focus in the text box.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => quick.pick(tpl)}
              px={6}
              py={4}
              w="100%"
              style={{
                borderRadius: 4,
                background: i === quick.index ? 'var(--mantine-color-default-hover)' : undefined,
              }}
            >
              <Text size="sm" fw={500}>
                {tpl.name}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {tpl.body}
              </Text>
            </UnstyledButton>
          ))}
        </div>
        {quick.rendering ? (
          <Text size="xs" c="dimmed" px={6}>
            {t('messageTemplates.quick.loading')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
