import type { Form } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import {
  bodyFromDraft,
  draftFromForm,
  fieldDraft,
  fieldErrorsByIndex,
  isConsentChanged,
  moveField,
  newField,
  relabel,
} from './form-draft';

const defaults = {
  name: 'Заявка',
  consentText: 'Согласие',
  thankYou: 'Спасибо',
  labels: { name: 'Имя', phone: 'Телефон', email: 'E-mail', message: 'Сообщение' },
};
const buildForm = (over: Partial<Form> = {}): Form => ({
  id: 'f',
  channelId: 'c',
  name: 'Форма',
  fields: [{ key: 'phone', label: 'Телефон', type: 'phone', required: true, options: [] }],
  consentText: 'Согласие',
  consentVersion: 3,
  thankYou: 'Спасибо',
  allowedDomains: ['shop.ru'],
  rateLimitPerMinute: 30,
  callbackButton: false,
  publicKey: 'k',
  hostedUrl: 'h',
  widgetUrl: 'w',
  embedCode: 'e',
  createdAt: '',
  updatedAt: '',
  ...over,
});

describe('form draft', () => {
  it('starts a new form with name, phone, e-mail and message', () => {
    const d = draftFromForm(null, defaults);
    expect(d.fields.map((f) => [f.key, f.type, f.required])).toEqual([
      ['name', 'text', true],
      ['phone', 'phone', true],
      ['email', 'email', false],
      ['message', 'textarea', false],
    ]);
  });

  it('moves a field up and down and stays put at the ends', () => {
    const fields = draftFromForm(null, defaults).fields;
    expect(moveField(fields, 1, -1).map((f) => f.key)).toEqual([
      'phone',
      'name',
      'email',
      'message',
    ]);
    expect(moveField(fields, 3, 1)).toBe(fields);
  });

  it('keys a new field from its label, never clashing, until the key is typed by hand', () => {
    let fields = newField([fieldDraft({ key: 'gorod', label: 'Город', type: 'text' })], 'Поле');
    fields = relabel(fields, 1, 'Город');
    expect(fields[1]!.key).toBe('gorod_2');
    fields = [fields[0]!, { ...fields[1]!, key: 'city', keyTouched: true }];
    expect(relabel(fields, 1, 'Населённый пункт')[1]!.key).toBe('city');
  });

  it('sends options only for lists and an empty consent as none', () => {
    const d = {
      ...draftFromForm(null, defaults),
      consentText: '  ',
      fields: [{ ...fieldDraft({ key: 'a', label: 'A', type: 'text' }), options: ['x'] }],
    };
    expect(bodyFromDraft(d)).toMatchObject({
      consentText: null,
      fields: [{ key: 'a', options: [] }],
    });
  });

  it('tells when saving makes a new consent version', () => {
    const form = buildForm();
    const d = draftFromForm(form, defaults);
    expect(isConsentChanged(form, d)).toBe(false);
    expect(isConsentChanged(form, { ...d, consentText: 'Новое согласие' })).toBe(true);
    expect(isConsentChanged(null, d)).toBe(false);
  });

  it("puts the server's field errors under their rows", () => {
    expect(
      fieldErrorsByIndex([
        { field: 'fields.2.key', reason: 'reserved' },
        { field: 'name', reason: 'x' },
      ]),
    ).toEqual({ 2: { key: 'reserved' } });
  });
});
