import type { CallListScriptSection } from '@voronka/contract';
import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
  MultiSelect,
  Select,
  Progress,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useMe } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers } from '../teams';
import { notifications } from '@mantine/notifications';
import { useCallLists, useCreateCallList, useImportCallList, useSegments } from './use-calls';

// Call lists (обзвон): the lists I work or manage, their progress, and a new list from a search.
export function CallListsPage() {
  const { t } = useTranslation();
  const lists = useCallLists();
  const canCreate = useCanWrite('contacts', 'update');
  return (
    <Stack>
      <PageHeader
        title={t('calls.lists.title')}
        actions={
          <Button component={Link} to="/calls" variant="default">
            {t('calls.journal.title')}
          </Button>
        }
      />
      {canCreate ? <NewCallList /> : null}
      <Card withBorder>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calls.lists.name')}</Table.Th>
              <Table.Th>{t('calls.lists.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(lists.data?.items ?? []).map((l) => (
              <Table.Tr key={l.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/call-lists/${l.id}`}>
                    {l.name}
                  </Anchor>
                </Table.Td>
                <Table.Td miw={160}>
                  <Text size="xs">
                    {t('calls.mode.progress', { done: l.done, total: l.total })}
                  </Text>
                  <Progress value={l.total ? (l.done / l.total) * 100 : 0} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {lists.data?.items.length === 0 ? <Text c="dimmed">{t('calls.lists.empty')}</Text> : null}
      </Card>
    </Stack>
  );
}

// Script text: steps separated by a line "## Title"; a line "- Answer -> Step title" is an answer
// leading to that step ("- ! Дорого -> Цена": an objection); without "->" the call goes on to the
// following step. Steps get ids s1, s2… in order.
export function parseScript(text: string): CallListScriptSection[] {
  const steps: (CallListScriptSection & { targets: (string | null)[] })[] = [];
  for (const part of text.split(/^##\s*/m)) {
    const [first, ...rest] = part.split('\n');
    if (!first?.trim()) continue;
    const body: string[] = [];
    const answers: { label: string; objection?: boolean }[] = [];
    const targets: (string | null)[] = [];
    for (const line of rest) {
      const m = /^\s*-\s+(!\s*)?(.+?)(?:\s*->\s*(.+))?\s*$/.exec(line);
      if (m) {
        answers.push({ label: m[2]!.slice(0, 200), ...(m[1] ? { objection: true } : {}) });
        targets.push(m[3]?.trim() ?? null);
      } else body.push(line);
    }
    steps.push({
      id: `s${steps.length + 1}`,
      title: first.trim().slice(0, 200),
      text: body.join('\n').trim(),
      ...(answers.length ? { answers } : {}),
      targets,
    });
  }
  const byTitle = new Map(steps.map((s) => [s.title.toLowerCase(), s.id]));
  return steps.map(({ targets, ...s }) => ({
    ...s,
    ...(s.answers
      ? {
          answers: s.answers.map((a, i) => {
            const next = targets[i] ? byTitle.get(targets[i]!.toLowerCase()) : undefined;
            return next ? { ...a, next } : a;
          }),
        }
      : {}),
  }));
}

function NewCallList() {
  const { t } = useTranslation();
  const me = useMe();
  const users = useActiveUsers();
  const create = useCreateCallList();
  const importList = useImportCallList();
  const segments = useSegments();
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');
  const [viewId, setViewId] = useState<string | null>(null);
  const reset = () => {
    setName('');
    setSearch('');
    setViewId(null);
    setScript('');
  };
  const made = (l: { excludedDoNotCall: number }) => {
    reset();
    if (l.excludedDoNotCall)
      notifications.show({ message: t('calls.lists.excluded', { count: l.excludedDoNotCall }) });
  };
  const [managers, setManagers] = useState<string[]>([me.member.id]);
  const [script, setScript] = useState('');
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('calls.lists.new')}
      </Title>
      <Stack gap="xs">
        <FormAlert
          message={
            create.error
              ? errorMessage(create.error)
              : importList.error
                ? errorMessage(importList.error)
                : null
          }
        />
        <Group grow align="flex-start">
          <TextInput
            label={t('calls.lists.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('calls.lists.search')}
            description={t('calls.lists.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Select
            label={t('calls.lists.segment')}
            description={t('calls.lists.segmentHint')}
            data={(segments.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
            value={viewId}
            onChange={setViewId}
            clearable
            searchable
          />
        </Group>
        <MultiSelect
          label={t('calls.lists.managers')}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={managers}
          onChange={setManagers}
        />
        <Textarea
          label={t('calls.lists.script')}
          description={t('calls.lists.scriptHint')}
          autosize
          minRows={3}
          value={script}
          onChange={(e) => setScript(e.currentTarget.value)}
        />
        <Group>
          <Button
            loading={create.isPending}
            disabled={!name.trim() || (!search.trim() && !viewId) || !managers.length}
            onClick={() =>
              create.mutate(
                {
                  name: name.trim(),
                  ...(search.trim() ? { search: search.trim() } : {}),
                  ...(viewId ? { viewId } : {}),
                  managerIds: managers,
                  script: parseScript(script),
                },
                { onSuccess: made },
              )
            }
          >
            {t('calls.lists.create')}
          </Button>
          <FileButton
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(file) =>
              file &&
              importList.mutate(
                { file, name: name.trim(), managerIds: managers },
                {
                  onSuccess: (l) => {
                    reset();
                    notifications.show({
                      color: 'teal',
                      message: t('calls.lists.imported', {
                        total: l.total,
                        skipped: l.skippedRows,
                        excluded: l.excludedDoNotCall,
                      }),
                    });
                  },
                },
              )
            }
          >
            {(props) => (
              <Button
                {...props}
                variant="default"
                loading={importList.isPending}
                disabled={!name.trim() || !managers.length}
                title={t('calls.lists.fileHint')}
              >
                {t('calls.lists.file')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Card>
  );
}
