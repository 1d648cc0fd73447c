import type { Availability } from '@voronka/contract';
import {
  Alert,
  Anchor,
  Badge,
  Grid,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { PageHeader } from '../../ui/PageHeader';
import { AvailabilityEditor } from './AvailabilityEditor';
import { ineligibleLabel } from './labels';
import { useAvailability, useAvailabilityList } from './use-routing';

// "My schedule": every member sets their own hours, vacations, capacity and "away"; the head of
// sales (routing «update») also sees everyone's status now and opens anyone's at /availability/:memberId.
export function AvailabilityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { memberId: param } = useParams();
  const memberId = param ?? me.member.id;
  const own = memberId === me.member.id;
  const isHead = me.permissions.routing?.update === true;
  const canEdit = !me.workspace.isReadOnly && (own || isHead);
  const availability = useAvailability(memberId);
  const title = own
    ? t('routingSettings.availability.title')
    : t('routingSettings.availability.titleOf', { name: availability.data?.name ?? '…' });

  return (
    <Stack>
      <PageHeader title={title} description={t('routingSettings.availability.description')} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: isHead ? 7 : 12 }}>
          {availability.isPending ? (
            <Loader aria-label={t('common.loading')} />
          ) : availability.error ? (
            <Alert color="red">{errorMessage(availability.error)}</Alert>
          ) : (
            <AvailabilityEditor
              key={memberId}
              availability={availability.data}
              canEdit={canEdit}
              own={own}
            />
          )}
        </Grid.Col>
        {isHead ? (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <MembersList current={memberId} />
          </Grid.Col>
        ) : null}
      </Grid>
    </Stack>
  );
}

function MembersList({ current }: { current: string }) {
  const { t } = useTranslation();
  const list = useAvailabilityList(true);
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="members-title">
      <Title order={2} size="h5" mb="xs" id="members-title">
        {t('routingSettings.availability.members')}
      </Title>
      {list.error ? <Alert color="red">{errorMessage(list.error)}</Alert> : null}
      <DataTable
        rows={list.data ?? []}
        columns={[
          t('routingSettings.dryRun.member'),
          t('routingSettings.dryRun.load'),
          t('routingSettings.availability.now'),
        ]}
        minWidth={340}
        loading={list.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('routingSettings.availability.noMembers')}
        renderRow={(m: Availability) => (
          <Table.Tr key={m.memberId} aria-current={m.memberId === current ? 'true' : undefined}>
            <Table.Td>
              <Anchor
                component={Link}
                to={`/availability/${m.memberId}`}
                fw={m.memberId === current ? 700 : undefined}
              >
                {m.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {m.capacity === null ? m.openLoad : `${m.openLoad} / ${m.capacity}`}
            </Table.Td>
            <Table.Td>
              {m.eligible ? (
                <Badge color="teal" variant="light">
                  {t('routingSettings.dryRun.canTake')}
                </Badge>
              ) : (
                <Badge color={m.away ? 'orange' : 'gray'} variant="light">
                  {m.reason ? ineligibleLabel(t, m.reason) : t('routingSettings.dryRun.cannotTake')}
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
      <Text size="xs" c="dimmed" mt="xs">
        {t('routingSettings.availability.membersHint')}
      </Text>
    </Paper>
  );
}
