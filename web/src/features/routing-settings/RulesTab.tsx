import type { RoutingConditions, RoutingRule } from '@voronka/contract';
import { Alert, Badge, Button, Loader, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useForms } from '../forms';
import { useActiveUsers, useTeams } from '../teams';
import { DryRunPanel } from './DryRunPanel';
import { channelLabel, conditionLabel, strategyLabel } from './labels';
import { OrderedList } from './OrderedList';
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

  const tryRule = (id: string) => {
    setDryRunRuleId(id);
    panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  if (rules.isPending) return <Loader aria-label={t('common.loading')} />;
  if (rules.error) return <Alert color="red">{errorMessage(rules.error)}</Alert>;
  return (
    <Stack>
      <OrderedList<RoutingRule>
        items={list}
        canEdit={canEdit}
        busy={update.isPending}
        testId={(rule) => `rule-${rule.id}`}
        texts={{
          hint: t('routingSettings.rules.hint'),
          add: t('routingSettings.rules.add'),
          empty: t('routingSettings.rules.empty'),
          list: t('routingSettings.rules.list'),
          deleteTitle: t('routingSettings.rules.deleteTitle'),
          deleteMessage: (name) => t('routingSettings.rules.deleteMessage', { name }),
        }}
        onAdd={() => setEditing('new')}
        onEdit={setEditing}
        onDelete={(rule) => remove.mutate(rule.id)}
        onMove={(rule, position) => update.mutate({ id: rule.id, body: { position } })}
        titleBadge={(rule) =>
          conditionsText(t, rule.conditions, names) ? null : (
            <Badge variant="light" color="yellow" data-testid={`rule-${rule.id}-any`}>
              {t('routingSettings.rules.noConditions')}
            </Badge>
          )
        }
        summary={(rule) => (
          <>
            <Text size="sm">{whoText(t, rule, names)}</Text>
            {conditionsText(t, rule.conditions, names) ? (
              <Text size="xs" c="dimmed">
                {conditionsText(t, rule.conditions, names)}
              </Text>
            ) : null}
          </>
        )}
        extra={(rule) => (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => tryRule(rule.id)}
            aria-label={t('routingSettings.rules.tryNamed', { name: rule.name })}
          >
            {t('routingSettings.rules.try')}
          </Button>
        )}
      />
      <div ref={panel}>
        <DryRunPanel rules={list} ruleId={dryRunRuleId} onRuleChange={setDryRunRuleId} />
      </div>
      {editing ? (
        <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}

// Team, member and form names by id, for readable summaries.
function useNames(): Names {
  const teams = useTeams();
  const users = useActiveUsers();
  const forms = useForms();
  return new Map(
    [...(teams.data ?? []), ...(users.data ?? []), ...(forms.data ?? [])].map((x) => [
      x.id,
      x.name,
    ]),
  );
}

function whoText(t: TFunction, rule: RoutingRule, names: Names): string {
  const team = rule.teamId
    ? (names.get(rule.teamId) ?? '—')
    : t('routingSettings.rules.allManagers');
  const member = rule.memberId ? (names.get(rule.memberId) ?? '—') : '—';
  return t(`routingSettings.rules.who.${rule.strategy}`, {
    team,
    member,
    strategy: strategyLabel(t, rule.strategy),
  });
}

export function conditionsText(t: TFunction, c: RoutingConditions, names: Names): string {
  const parts: string[] = [];
  for (const key of listConditions) {
    const values = c[key] ?? [];
    if (!values.length) continue;
    const shown = values.map((v) =>
      key === 'channels' ? channelLabel(t, v) : key === 'formIds' ? (names.get(v) ?? v) : v,
    );
    parts.push(`${conditionLabel(t, key)}: ${shown.join(', ')}`);
  }
  if (c.minPriority !== undefined)
    parts.push(`${conditionLabel(t, 'minPriority')}: ${c.minPriority}`);
  return parts.join(' · ');
}
