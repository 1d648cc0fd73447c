import type { DiscountApproval, RoleKey } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDateTime } from '../../lib/format';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { useActiveUsers } from '../teams';
import {
  useDecideDiscount,
  useDiscountApprovals,
  useDiscountLimits,
  useSaveDiscountLimits,
} from './use-discounts';

// Discount approvals (issue 20): the head's list of pending requests with approve / reject and a
// comment, the decided ones below; and, for whoever changes roles, the limit of each role.
export function DiscountApprovalsPage() {
  const { t } = useTranslation();
  const pending = useDiscountApprovals({ status: 'pending' });
  const all = useDiscountApprovals({});
  const users = useActiveUsers(useCanRead('users'));
  const nameOf = (id: string | null) => (id && users.data?.find((u) => u.id === id)?.name) || '—';
  const decided = (all.data ?? []).filter((a) => a.status !== 'pending');
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('discounts.title')}
      </Title>
      <Text c="dimmed">{t('discounts.intro')}</Text>
      <Card withBorder component="section" aria-label={t('discounts.pending')}>
        <Title order={2} size="h4" mb="sm">
          {t('discounts.pending')}
        </Title>
        {pending.isPending ? <Loader aria-label={t('common.loading')} /> : null}
        {pending.data && !pending.data.length ? (
          <Text c="dimmed">{t('discounts.nonePending')}</Text>
        ) : null}
        <Stack>
          {(pending.data ?? []).map((a) => (
            <PendingRow key={a.id} approval={a} requester={nameOf(a.requestedBy)} />
          ))}
        </Stack>
      </Card>
      <Card withBorder component="section" aria-label={t('discounts.history')}>
        <Title order={2} size="h4" mb="sm">
          {t('discounts.history')}
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table>
            <Table.Tbody>
              {decided.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Target approval={a} />
                  </Table.Td>
                  <Table.Td>{a.percent} %</Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>{nameOf(a.decidedBy)}</Table.Td>
                  <Table.Td>{a.decisionComment ?? ''}</Table.Td>
                  <Table.Td>{formatDateTime(a.decidedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {useCanWrite('roles', 'update') ? <LimitsEditor /> : <LimitsView />}
    </Stack>
  );
}

export function StatusBadge({ status }: { status: DiscountApproval['status'] }) {
  const { t } = useTranslation();
  const color = { pending: 'yellow', approved: 'green', rejected: 'red', withdrawn: 'gray' }[
    status
  ];
  return <Badge color={color}>{t(`discounts.status.${status}`)}</Badge>;
}

function Target({ approval: a }: { approval: DiscountApproval }) {
  const to = a.documentId ? `/documents/${a.documentId}` : `/deals/${a.dealId}`;
  return (
    <Anchor component={Link} to={to}>
      {a.title}
    </Anchor>
  );
}

function PendingRow({ approval: a, requester }: { approval: DiscountApproval; requester: string }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const decide = useDecideDiscount();
  const act = (verb: 'approve' | 'reject') =>
    decide.mutate(
      { id: a.id, verb, comment },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: t(`discounts.done.${verb}`) }),
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  return (
    <Card withBorder padding="sm" aria-label={a.title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Target approval={a} />
          <Text fw={700}>{t('discounts.percent', { percent: a.percent })}</Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('discounts.requested', { name: requester, when: formatDateTime(a.requestedAt) })}
          {a.requestComment ? ` — «${a.requestComment}»` : ''}
        </Text>
        <Textarea
          label={t('discounts.comment')}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          autosize
          minRows={1}
          maxLength={1000}
        />
        <Group justify="flex-end">
          <Button
            color="red"
            variant="light"
            onClick={() => act('reject')}
            loading={decide.isPending}
          >
            {t('discounts.reject')}
          </Button>
          <Button color="green" onClick={() => act('approve')} loading={decide.isPending}>
            {t('discounts.approve')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function LimitsView() {
  const { t } = useTranslation();
  const limits = useDiscountLimits();
  return (
    <Card withBorder component="section" aria-label={t('discounts.limits')}>
      <Title order={2} size="h4" mb="sm">
        {t('discounts.limits')}
      </Title>
      {(limits.data ?? []).map((l) => (
        <Text key={l.role}>
          {t(`discounts.roles.${l.role}`)}: {l.maxPercent} %
        </Text>
      ))}
    </Card>
  );
}

function LimitsEditor() {
  const { t } = useTranslation();
  const limits = useDiscountLimits();
  const save = useSaveDiscountLimits();
  const [draft, setDraft] = useState<Partial<Record<RoleKey, number | string>>>({});
  const items = limits.data ?? [];
  const submit = () =>
    save.mutate(
      {
        items: items.map((l) => ({
          role: l.role,
          maxPercent: String(draft[l.role] ?? l.maxPercent),
        })),
      },
      {
        onSuccess: () => {
          setDraft({});
          notifications.show({ color: 'green', message: t('discounts.limitsSaved') });
        },
        onError: (e) => notifications.show({ color: 'red', message: errorMessage(e) }),
      },
    );
  return (
    <Card withBorder component="section" aria-label={t('discounts.limits')}>
      <Title order={2} size="h4" mb="sm">
        {t('discounts.limits')}
      </Title>
      <Stack gap="xs">
        {items.map((l) => (
          <NumberInput
            key={l.role}
            label={t(`discounts.roles.${l.role}`)}
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            value={draft[l.role] ?? Number(l.maxPercent)}
            onChange={(v) => setDraft({ ...draft, [l.role]: v })}
          />
        ))}
        <Group justify="flex-end">
          <Button onClick={submit} loading={save.isPending}>
            {t('discounts.saveLimits')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
