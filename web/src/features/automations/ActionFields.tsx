import type { Stage } from '@voronka/contract';
import { Group, NumberInput, Select, TagsInput, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useActiveUsers } from '../teams';
import { ClientActionFields } from './ClientActionFields';
import { variables, type ActionDraft } from './rule-draft';

// The fields of one action. Texts take {{deal.title}}, {{deal.amount}}, {{company.name}}, {{stage.name}}.
export function ActionFields(props: {
  action: ActionDraft;
  stages: Stage[];
  onChange: (a: ActionDraft) => void;
}) {
  const { t } = useTranslation();
  const users = useActiveUsers();
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
    case 'deal.set':
    case 'message.send':
      return <ClientActionFields action={a} onChange={props.onChange} />;
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
