import { Group, Select, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useActiveUsers, useTeams } from '../teams';
import { variables, type ActionDraft } from './rule-draft';

type Kind = 'assign' | 'deal.set' | 'message.send';

// The fields of the actions that reach the client or the owner: assign (a member, or the least
// loaded available one of a team, as routing judges), set a deal field, message the client.
export function ClientActionFields(props: {
  action: Extract<ActionDraft, { kind: Kind }>;
  onChange: (a: ActionDraft) => void;
}) {
  const { t } = useTranslation();
  const users = useActiveUsers();
  const teams = useTeams();
  const a = props.action;
  const people = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  switch (a.kind) {
    case 'assign':
      return (
        <Group align="flex-end" grow>
          <Select
            label={t('automations.assignTo')}
            allowDeselect={false}
            data={[{ value: 'least_loaded', label: t('automations.leastLoaded') }, ...people]}
            value={a.to}
            onChange={(v) => v && props.onChange({ ...a, to: v })}
          />
          {a.to === 'least_loaded' ? (
            <Select
              label={t('automations.team')}
              clearable
              placeholder={t('automations.anyTeam')}
              data={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={a.teamId}
              onChange={(v) => props.onChange({ ...a, teamId: v })}
            />
          ) : null}
        </Group>
      );
    case 'deal.set':
      return (
        <Group align="flex-end" grow>
          <Select
            label={t('automations.setField')}
            description={t('automations.customField')}
            searchable
            data={(['title', 'amount', 'expectedCloseDate', 'ownerId'] as const).map((f) => ({
              value: f,
              label: t(`automations.fieldName.${f}`),
            }))}
            value={a.field}
            onChange={(v) => v && props.onChange({ ...a, field: v })}
            onSearchChange={(q) =>
              /^custom\.[a-z][a-z0-9_]*$/.test(q) && props.onChange({ ...a, field: q })
            }
          />
          <TextInput
            label={t('automations.setValue')}
            description={variables(t('automations.variables'))}
            value={a.value === null ? '' : String(a.value)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              props.onChange({
                ...a,
                value: a.field === 'amount' && /^\d+$/.test(v) ? Number(v) : v,
              });
            }}
          />
        </Group>
      );
    case 'message.send':
      return (
        <Group align="flex-end" grow>
          <Select
            label={t('automations.via')}
            allowDeselect={false}
            data={(['auto', 'email', 'messenger'] as const).map((v) => ({
              value: v,
              label: t(`automations.viaOption.${v}`),
            }))}
            value={a.via}
            onChange={(v) => v && props.onChange({ ...a, via: v as typeof a.via })}
          />
          <Textarea
            label={t('automations.text')}
            description={`${t('automations.messageHint')}. ${variables(t('automations.variables'))}`}
            autosize
            value={a.text}
            onChange={(e) => props.onChange({ ...a, text: e.currentTarget.value })}
          />
        </Group>
      );
  }
}
