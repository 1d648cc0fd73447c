import {
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
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
import { useCallLists, useCreateCallList } from './use-calls';

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

// Script text: sections separated by a line "## Title".
export function parseScript(text: string) {
  const out: { title: string; text: string }[] = [];
  for (const part of text.split(/^##\s*/m)) {
    const [first, ...rest] = part.split('\n');
    if (!first?.trim()) continue;
    out.push({ title: first.trim().slice(0, 200), text: rest.join('\n').trim() });
  }
  return out;
}

function NewCallList() {
  const { t } = useTranslation();
  const me = useMe();
  const users = useActiveUsers();
  const create = useCreateCallList();
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');
  const [managers, setManagers] = useState<string[]>([me.member.id]);
  const [script, setScript] = useState('');
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t('calls.lists.new')}
      </Title>
      <Stack gap="xs">
        <FormAlert message={create.error ? errorMessage(create.error) : null} />
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
            disabled={!name.trim() || !search.trim() || !managers.length}
            onClick={() =>
              create.mutate(
                {
                  name: name.trim(),
                  search: search.trim(),
                  managerIds: managers,
                  script: parseScript(script),
                },
                {
                  onSuccess: () => {
                    setName('');
                    setSearch('');
                    setScript('');
                  },
                },
              )
            }
          >
            {t('calls.lists.create')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
