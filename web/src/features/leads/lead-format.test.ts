import { describe, expect, it } from 'vitest';
import { parseMoney, proposeDealTitle, splitName } from './lead-format';

describe('parseMoney', () => {
  it('reads roubles with a comma or a dot and spaces between thousands', () => {
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('480000')).toBe(48000000);
  });
  it('refuses what is not an amount', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('-5')).toBeNull();
    expect(parseMoney('пять')).toBeNull();
  });
});

describe('splitName', () => {
  it('takes the first word as the first name', () => {
    expect(splitName('Анна Смирнова')).toEqual({ firstName: 'Анна', lastName: 'Смирнова' });
    expect(splitName('Олег')).toEqual({ firstName: 'Олег', lastName: '' });
    expect(splitName(null)).toEqual({ firstName: '', lastName: '' });
  });
});

describe('proposeDealTitle', () => {
  const web = {
    title: 'Заявка с сайта',
    source: 'Заявка с сайта',
    contactName: 'Анна Смирнова',
    contactPhone: '+79123004050',
    contactEmail: 'anna@example.ru',
    companyName: null,
  };
  it('names the deal from what the client asked for, not from the form', () => {
    const message =
      'Имя: Анна Смирнова\nТелефон: +7 912 300-40-50\nE-mail: anna@example.ru\nКомментарий: Здравствуйте! Нужны стеллажи складские, 12 штук. Сможете привезти в пятницу?\nhttps://shop.example.ru/contacts';
    expect(proposeDealTitle({ ...web, message })).toBe('Стеллажи складские, 12 штук');
  });
  it('keeps a few first words of a long request', () => {
    const message =
      'Комментарий: интересуют офисные кресла с подголовником и подлокотниками для переговорной комнаты';
    expect(proposeDealTitle({ ...web, message })).toBe(
      'Офисные кресла с подголовником и подлокотниками для…',
    );
  });
  it('prefers a title a person typed, and falls back to the company or the client', () => {
    expect(
      proposeDealTitle({ ...web, title: 'Кресла в офис', source: null, message: 'что-то' }),
    ).toBe('Кресла в офис');
    expect(
      proposeDealTitle({
        ...web,
        message: 'Имя: Анна Смирнова\nТелефон: +7 912 300-40-50',
        companyName: 'ООО «Склад»',
      }),
    ).toBe('ООО «Склад»');
    expect(proposeDealTitle({ ...web, message: null })).toBe('Анна Смирнова');
  });
});
