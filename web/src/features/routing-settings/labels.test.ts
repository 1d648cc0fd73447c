import type { AssignmentReason } from '@voronka/contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../../lib/i18n';
import { assignmentReasonText } from './labels';

// The explanation of an assignment must be true: a new client has no manager yet (nobody was
// "unavailable"), an unavailable manager is named with the reason, and the fallback is the one the
// engine really used (named → least loaded, client owner → round robin).
const reason = (over: Partial<AssignmentReason>): AssignmentReason => ({
  code: 'fallback_team',
  ruleId: 'r1',
  ruleName: 'Постоянные клиенты',
  strategy: 'client_owner',
  detail: {},
  ...over,
});

describe('assignmentReasonText', () => {
  beforeEach(async () => setLanguage('ru'));

  it('says a new client has no manager yet, not that the right manager is unavailable', () => {
    const text = assignmentReasonText(
      i18n.t,
      reason({ detail: { unavailable: null, why: 'unknown_client' } }),
    );
    expect(text).toBe(
      'у клиента ещё нет своего менеджера — по очереди в отделе (правило «Постоянные клиенты»)',
    );
    expect(text).not.toMatch(/недоступен/);
  });

  it("names the client's manager who could not take it and why", () => {
    const text = assignmentReasonText(
      i18n.t,
      reason({ detail: { unavailable: 'Анна Котова', why: 'vacation' } }),
    );
    expect(text).toBe(
      'менеджер клиента Анна Котова сейчас не может взять заявку (в отпуске) — по очереди в отделе (правило «Постоянные клиенты»)',
    );
  });

  it('says a named rule fell back to the least loaded, in English too', async () => {
    const named = reason({
      strategy: 'named',
      ruleName: 'VIP',
      detail: { unavailable: 'Anna', why: 'away', openLoad: 2 },
    });
    expect(assignmentReasonText(i18n.t, named)).toBe(
      'Anna сейчас не может взять заявку (отошёл) — наименее загруженному в отделе (правило «VIP»)',
    );
    await setLanguage('en');
    expect(assignmentReasonText(i18n.t, named)).toBe(
      "Anna can't take it now (away) — the least loaded in the team (rule “VIP”)",
    );
    expect(
      assignmentReasonText(
        i18n.t,
        reason({ detail: { why: 'unknown_client', unavailable: null } }),
      ),
    ).toBe('the client has no manager yet — round robin in the team (rule “Постоянные клиенты”)');
  });
});
