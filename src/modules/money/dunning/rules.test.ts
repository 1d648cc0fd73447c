import { describe, expect, it } from 'vitest';
import {
  dueSteps,
  fillTemplate,
  rub,
  stepProblems,
  unknownVariables,
  type TemplateVars,
} from './rules.js';

const vars: TemplateVars = {
  number: '17',
  date: '01.12.2026',
  amount: rub(1_234_567),
  openAmount: rub(100),
  dueDate: '11.12.2026',
  daysOverdue: '3',
  client: 'ООО «Вектор»',
  link: 'https://crm/pdf',
};
const step = (offsetDays: number) => ({
  offsetDays,
  channels: ['email' as const],
  subject: 's',
  text: 't',
});

describe('dunning templates', () => {
  it('fills the known variables, spaces inside the braces allowed', () => {
    expect(fillTemplate('Счёт № {{ number }} на {{amount}}, срок {{dueDate}}', vars)).toBe(
      'Счёт № 17 на 12\u00a0345,67\u00a0₽, срок 11.12.2026',
    );
  });

  it('evaluates nothing and reaches no prototype: unknown names are reported and left as they are', () => {
    const text = '{{constructor}} {{__proto__}} {{number.constructor}} {{toString}}';
    expect(unknownVariables(text)).toEqual(['constructor', '__proto__', 'toString']);
    expect(fillTemplate(text, vars)).toBe(text);
  });

  it('names the field of each problem', () => {
    expect(
      stepProblems([step(3), { ...step(3), channels: ['task', 'task'], text: '{{sum}}' }]).map(
        (p) => p.field,
      ),
    ).toEqual(['steps.1.offsetDays', 'steps.1.channels', 'steps.1.text']);
  });
});

describe('which steps are due', () => {
  const ladder = [step(7), step(-3), step(0), step(3)];
  it('nothing before the first step’s day', () => {
    expect(dueSteps(ladder, '2026-12-11', '2026-12-07')).toEqual({ fire: null, skip: [] });
  });
  it('the step of the day fires', () => {
    expect(dueSteps(ladder, '2026-12-11', '2026-12-08').fire?.offsetDays).toBe(-3);
  });
  it('after days missed, only the latest fires and the earlier are skipped (across a month end)', () => {
    const { fire, skip } = dueSteps(ladder, '2026-11-28', '2026-12-02');
    expect(fire?.offsetDays).toBe(3);
    expect(skip.map((s) => s.offsetDays)).toEqual([-3, 0]);
  });
});
