import type { TestApp } from '../../test/app.js';
import type { Browser, Response } from '../../test/client.js';

// Requisites whose check digits are right (Sberbank's published ones).
export const ourEntity = {
  name: 'ООО «Ромашка»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  address: 'г. Москва, ул. Вавилова, д. 19',
  phone: '+7 495 500-55-50',
  bankAccounts: [
    {
      bankName: 'ПАО Сбербанк',
      bik: '044525225',
      corrAccount: '30101810400000000225',
      settlementAccount: '40702810438000060473',
    },
  ],
  director: { name: 'Иванов Иван Иванович', position: 'Генеральный директор', basis: 'Устава' },
  accountant: { name: 'Петрова Анна Сергеевна', position: 'Главный бухгалтер', basis: null },
  vatPayer: true,
};

// A 1×1 PNG.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export async function ok(res: Response, status = 200) {
  if (res.status !== status) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function upload(
  app: TestApp,
  b: Browser,
  method: 'PUT' | 'POST',
  url: string,
  type: string,
  payload: Buffer,
): Promise<Response> {
  const res = await app.inject({
    method,
    url,
    headers: { cookie: b.cookie, 'x-csrf-token': b.csrf, 'content-type': type },
    payload,
  });
  let body: unknown = null;
  try {
    body = res.body ? JSON.parse(res.body) : null;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, headers: res.headers as Record<string, unknown> };
}

// An entity, a client company and a deal with an amount: what a document is made from.
export async function dealWorld(b: Browser, amount = 1_234_500) {
  const entity = await ok(await b.call('POST', '/api/v1/legal-entities', ourEntity), 201);
  const company = await ok(
    await b.call('POST', '/api/v1/companies', {
      name: 'Лютик',
      legalForm: 'ООО',
      inn: '7736207543',
      legalAddress: 'г. Москва, ул. Льва Толстого, д. 16',
    }),
    201,
  );
  const deal = await ok(
    await b.call('POST', '/api/v1/deals', {
      title: 'Внедрение CRM',
      amount,
      companyId: company.id,
    }),
    201,
  );
  return { entity, company, deal };
}

export const lines = [
  { name: 'Лицензия', quantity: '2', priceKopecks: 500_000, vatRate: 22 },
  { name: 'Настройка', unit: 'час', quantity: '1.5', priceKopecks: 300_000, vatRate: 22 },
];
