import type { RoutingConditions, RoutingRule } from '@voronka/contract';
import { ActionIcon, Alert, Badge, Button, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { ConfirmButton } from '../../ui/ConfirmButton';
import { useForms } from '../forms/use-forms';
import { useActiveUsers, useTeams } from '../teams/use-teams';
import { DryRunPanel } from './DryRunPanel';
import { channelLabel, conditionLabel, strategyLabel } from './labels';
import { listConditions } from './rule-draft';
import { RuleEditor } from './RuleEditor';
import { useRoutingRules, useRuleMutations } from './use-routing';

type Names = Map<string, string>;

// The ordered rules: the first enabled one whose conditions all hold decides where a request goes.
export function RulesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rules = useRoutingRules();
  const { update, remove } = useRuleMutations();
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [dryRunRuleId, setDryRunRuleId] = useState<string | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const names = useNames();
  const list = rules.data ?? [];

  // Taking the neighbour's place swaps the two (the server shifts the ones between).
  const move = (index: number, by: -1 | 1) => {
    const rule = list[index];
    const neighbour = list[index + by];
    if (rule && neighbour) update.mutate({ id: rule.id, body: { position: neighbour.position } });
  };
  const tryRule = (id: string) => {
    setDryRunRuleId(id);
    panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  if (rules.isPending) return <Loader aria-label={t('common.loading')} />;
  if (rules.error) return <Alert color="red">{errorMessage(rules.error)}</Alert>;
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('routingSettings.rules.hint')}
        </Text>
        {canEdit ? <Button onClick={() => setEditing('new')}>{t('routingSettings.rules.add')}</Button> : null}
      </Group>
      {list.length === 0 ? <Alert color="gray">{t('routingSettings.rules.empty')}</Alert> : null}
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('routingSettings.rules.list')}>
        {list.map((rule, i) => (
          <Paper key={rule.id} component="li" withBorder p="sm" radius="md" data-testid={`rule-${rule.id}`}>
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
                <Group gap="xs">
                  <Badge variant="light" color="gray" aria-hidden>
                    {i + 1}
                  </Badge>
                  <Text fw={600}>{rule.name}</Text>
                  {!rule.enabled ? <Badge color="gray">{t('routingSettings.rules.disabled')}</Badge> : null}
                </Group>
                <Text size="sm">{whoText(t, rule, names)}</Text>
                <Text size="xs" c="dimmed">
                  {conditionsText(t, rule.conditions, names) || t('routingSettings.rules.always')}
                </Text>
              </Stack>
              <Group gap={4} wrap="wrap">
                {canEdit ? (
                  <>
                    <ActionIcon variant="default" aria-label={t('routingSettings.rules.moveUp', { name: rule.name })} disabled={i === 0 || update.isPending} onClick={() => move(i, -1)}>
                      ↑
                    </ActionIcon>
                    <ActionIcon variant="default" aria-label={t('routingSettings.rules.moveDown', { name: rule.name })} disabled={i === list.length - 1 || update.isPending} onClick={() => move(i, 1)}>
                      ↓
                    </ActionIcon>
                  </>
                ) : null}
                <Button size="xs" variant="subtle" onClick={() => tryRule(rule.id)} aria-label={t('routingSettings.rules.tryNamed', { name: rule.name })}>
                  {t('routingSettings.rules.try')}
                </Button>
                {canEdit ? (
                  <>
                    <Button size="xs" variant="light" onClick={() => setEditing(rule)} aria-label={t('routingSettings.rules.editNamed', { name: rule.name })}>
                      {t('common.edit')}
                    </Button>
                    <ConfirmButton
                      ariaLabel={t('routingSettings.rules.deleteNamed', { name: rule.name })}
                      title={t('routingSettings.rules.deleteTitle')}
                      message={t('routingSettings.rules.deleteMessage', { name: rule.name })}
                      onConfirm={() => remove.mutate(rule.id)}
                    />
                  </>
                ) : null}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      <div ref={panel}>
        <DryRunPanel rules={list} ruleId={dryRunRuleId} onRuleChange={setDryRunRuleId} />
      </div>
      {editing ? <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

// Team, member and form names by id, for readable summaries.
function useNames(): Names {
  const teams = useTeams();
  const users = useActiveUsers();
  const forms = useForms();
  return new Map([...(teams.data ?? []), ...(users.data ?? []), ...(forms.data ?? [])].map((x) => [x.id, x.name]));
}

function whoText(t: TFunction, rule: RoutingRule, names: Names): string {
  const team = rule.teamId ? (names.get(rule.teamId) ?? '—') : t('routingSettings.rules.allManagers');
  const member = rule.memberId ? (names.get(rule.memberId) ?? '—') : '—';
  return t(`routingSettings.rules.who.${rule.strategy}`, { team, member, strategy: strategyLabel(t, rule.strategy) });
}

export function conditionsText(t: TFunction, c: RoutingConditions, names: Names): string {
  const parts: string[] = [];
  for (const key of listConditions) {
    const values = c[key] ?? [];
    if (!values.length) continue;
    const shown = values.map((v) => (key === 'channels' ? channelLabel(t, v) : key === 'formIds' ? (names.get(v) ?? v) : v));
    parts.push(`${conditionLabel(t, key)}: ${shown.join(', ')}`);
  }
  if (c.minPriority !== undefined) parts.push(`${conditionLabel(t, 'minPriority')}: ${c.minPriority}`);
  return parts.join(' · ');
}
