import type { HostMode, Team, User } from '@voronka/contract';
import { Group, MultiSelect, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type HostDraft = { memberId: string; weight: number };

// Who hosts: one named member; or several, taken in turn (round robin, weighted: a weight of 2
// gets twice the meetings) — a whole team can be added at once; or the client's own manager when
// the visitor is a known client, else in turn over the list.
export function HostsEditor(props: {
  mode: HostMode;
  hosts: HostDraft[];
  users: User[];
  teams: Team[];
  error?: string;
  onChange: (hosts: HostDraft[]) => void;
}) {
  const { t } = useTranslation();
  const { hosts, onChange } = props;
  const options = props.users.map((u) => ({ value: u.id, label: u.name }));
  const nameOf = (id: string) => props.users.find((u) => u.id === id)?.name ?? id;
  const weightOf = (id: string) => hosts.find((h) => h.memberId === id)?.weight ?? 1;
  const setIds = (ids: string[]) =>
    onChange(ids.map((id) => ({ memberId: id, weight: weightOf(id) })));

  if (props.mode === 'named')
    return (
      <Select
        label={t('meetingTypes.host')}
        required
        searchable
        data={options}
        value={hosts[0]?.memberId ?? null}
        onChange={(id) => onChange(id ? [{ memberId: id, weight: 1 }] : [])}
        error={props.error}
        nothingFoundMessage={t('common.nothingFound')}
      />
    );
  const addTeam = (teamId: string | null) => {
    if (!teamId) return;
    const ids = props.users.filter((u) => u.teamId === teamId).map((u) => u.id);
    setIds([...new Set([...hosts.map((h) => h.memberId), ...ids])]);
  };
  return (
    <Stack gap="xs">
      <MultiSelect
        label={t('meetingTypes.hosts')}
        description={t(`meetingTypes.hostsHint.${props.mode}`)}
        required
        searchable
        data={options}
        value={hosts.map((h) => h.memberId)}
        onChange={setIds}
        error={props.error}
        nothingFoundMessage={t('common.nothingFound')}
      />
      {props.teams.length ? (
        <Select
          label={t('meetingTypes.addTeam')}
          placeholder={t('meetingTypes.addTeamPlaceholder')}
          data={props.teams.map((team) => ({ value: team.id, label: team.name }))}
          value={null}
          onChange={addTeam}
          clearable
        />
      ) : null}
      {props.mode === 'round_robin' && hosts.length > 1 ? (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('meetingTypes.weights')}
          </Text>
          {hosts.map((h) => (
            <Group key={h.memberId} justify="space-between" wrap="nowrap">
              <Text size="sm">{nameOf(h.memberId)}</Text>
              <NumberInput
                aria-label={t('meetingTypes.weightOf', { name: nameOf(h.memberId) })}
                w={90}
                min={1}
                max={100}
                allowDecimal={false}
                value={h.weight}
                onChange={(w) =>
                  onChange(
                    hosts.map((x) =>
                      x.memberId === h.memberId ? { ...x, weight: Number(w) || 1 } : x,
                    ),
                  )
                }
              />
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
