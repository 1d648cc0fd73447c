import type { SearchHit } from '@voronka/contract';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { hitPath, useGlobalSearch } from './use-search';

function Title({ hit }: { hit: SearchHit }) {
  if (!hit.highlight) return <>{hit.title}</>;
  return (
    <>
      {hit.highlight.map((s, i) =>
        s.match ? (
          <Text key={i} span fw={700} c="indigo">
            {s.text}
          </Text>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

// The global search (Ctrl+K / ⌘K): results grouped by type, arrows to move, Enter to open.
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 200);
  const [active, setActive] = useState(0);
  const results = useGlobalSearch(debounced);
  const isPhone = useMediaQuery('(max-width: 36em)');
  const groups = (results.data?.groups ?? []).filter((g) => g.items.length);
  const hits = groups.flatMap((g) => g.items);
  useHotkeys([['mod+K', () => setOpened(true)]], []);
  useEffect(() => setActive(0), [debounced]);

  const open = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setOpened(false);
    setQ('');
    navigate(hitPath(hit.type, hit.id));
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') open(hits[active]);
    else return;
    e.preventDefault();
  };

  return (
    <>
      <Button
        variant="default"
        size="xs"
        onClick={() => setOpened(true)}
        title={t('search.open')}
        rightSection={
          <Kbd size="xs" visibleFrom="md">
            Ctrl K
          </Kbd>
        }
        visibleFrom="xs"
        w={{ xs: 150, md: 220 }}
        styles={{ inner: { justifyContent: 'space-between' } }}
      >
        <Text size="sm" c="dimmed">
          {t('search.button')}
        </Text>
      </Button>
      <ActionIcon
        variant="default"
        size="lg"
        hiddenFrom="xs"
        onClick={() => setOpened(true)}
        aria-label={t('search.open')}
      >
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          aria-hidden="true"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-4-4" />
        </svg>
      </ActionIcon>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('search.title')}
        size="lg"
        fullScreen={Boolean(isPhone)}
        yOffset="10vh"
      >
        <TextInput
          data-autofocus
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          rightSection={results.isFetching ? <Loader size="xs" /> : null}
          mb="sm"
        />
        <ScrollArea.Autosize mah={isPhone ? undefined : '60vh'}>
          {debounced.trim() && results.data && !hits.length ? (
            <Text c="dimmed">{t('search.nothing')}</Text>
          ) : null}
          <Stack gap="sm" role="listbox" aria-label={t('search.title')}>
            {groups.map((g) => (
              <Box key={g.type}>
                <Text size="xs" tt="uppercase" c="dimmed" fw={700} mb={4}>
                  {t(`search.types.${g.type}`)}
                </Text>
                {g.items.map((hit) => {
                  const index = hits.indexOf(hit);
                  return (
                    <UnstyledButton
                      key={hit.id}
                      role="option"
                      aria-selected={index === active}
                      onMouseEnter={() => setActive(index)}
                      onClick={() => open(hit)}
                      w="100%"
                      p={6}
                      style={{
                        borderRadius: 6,
                        background:
                          index === active ? 'var(--mantine-color-indigo-light)' : undefined,
                      }}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Box miw={0}>
                          <Text size="sm" truncate>
                            <Title hit={hit} />
                          </Text>
                          {hit.subtitle ? (
                            <Text size="xs" c="dimmed" truncate>
                              {hit.subtitle}
                            </Text>
                          ) : null}
                        </Box>
                        <Badge
                          size="xs"
                          variant="light"
                          color={hit.matchedOn === 'fuzzy' ? 'gray' : 'indigo'}
                          style={{ flexShrink: 0 }}
                        >
                          {t(`search.matchedOn.${hit.matchedOn}`)}
                        </Badge>
                      </Group>
                    </UnstyledButton>
                  );
                })}
              </Box>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        <Text size="xs" c="dimmed" mt="sm" visibleFrom="sm">
          {t('search.hint')}
        </Text>
      </Modal>
    </>
  );
}
