import type { Stage } from '@voronka/contract';
import { Group, NumberInput, Select, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useActiveUsers, useTeams } from '../teams';
import type { ActionDraft } from './rule-draft';

const variables = (lead: string) =>
  `${lead} {{deal.title}}, {{deal.amount}}, {{company.name}}, {{stage.name}}, {{client.name}}, {{lead.title}}, {{invoice.number}}, {{event.<…>}}`;

// The fields of one action. Texts take {{deal.title}}, {{deal.amount}}, {{company.name}}, {{stage.name}}.
export function ActionFields(props: {
  action: ActionDraft;
  stages: Stage[];
  onChange: (a: ActionDraft) => void;
}) {
  const { t } = useTranslation();
  const users = useActiveUsers();
  const teams = useTeams();
  const a = props.action;
  const people = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  switch (a.kind) {
    case 'task.create':
      return (
        <Group align="flex-end" grow>
          <TextInput
            label={t('automations.taskTitle')}
            description={variables(t('automations.variables'))}
            value={a.title}
            onChange={(e) => props.onChange({ ...a, title: e.currentTarget.value })}
          />
          <NumberInput
            label={t('automations.dueInDays')}
            min={0}
            max={365}
            value={a.dueInMinutes / 1440}
            onChange={(v) =>
              props.onChange({ ...a, dueInMinutes: Math.round((Number(v) || 0) * 1440) })
            }
          />
          <Select
            label={t('automations.assignee')}
            allowDeselect={false}
            data={[{ value: 'deal_owner', label: t('automations.dealOwner') }, ...people]}
            value={a.assignee}
            onChange={(v) => v && props.onChange({ ...a, assignee: v })}
          />
        </Group>
      );
    case 'notify':
      return (
        <Group align="flex-end" grow>
          <Select
            label={t('automations.to')}
            allowDeselect={false}
            data={[
              { value: 'deal_owner', label: t('automations.dealOwner') },
              { value: 'heads', label: t('automations.heads') },
              ...people,
            ]}
            value={a.to}
            onChange={(v) => v && props.onChange({ ...a, to: v })}
          />
          <Textarea
            label={t('automations.text')}
            description={variables(t('automations.variables'))}
            autosize
            value={a.text}
            onChange={(e) => props.onChange({ ...a, text: e.currentTarget.value })}
          />
        </Group>
      );
    case 'deal.move':
      return (
        <Select
          label={t('automations.moveTo')}
          allowDeselect={false}
          data={props.stages.map((s) => ({ value: s.id, label: s.name }))}
          value={a.stageId || null}
          onChange={(v) => v && props.onChange({ ...a, stageId: v })}
        />
      );
    case 'deal.tags':
      return (
        <Group grow>
          <TagsInput
            label={t('automations.addTags')}
            value={a.add}
            onChange={(add) => props.onChange({ ...a, add })}
          />
          <TagsInput
            label={t('automations.removeTags')}
            value={a.remove}
            onChange={(remove) => props.onChange({ ...a, remove })}
          />
        </Group>
      );
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
    case 'webhook':
      return (
        <TextInput
          label={t('automations.url')}
          description={t('automations.urlHint')}
          placeholder="https://"
          value={a.url}
          onChange={(e) => props.onChange({ ...a, url: e.currentTarget.value.trim() })}
        />
      );
  }
}
