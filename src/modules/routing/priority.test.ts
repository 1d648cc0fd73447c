import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  extractFeatures,
  scoreRequest,
  type FeatureCode,
  type PriorityInput,
} from './priority.js';

const catalog = [
  'Арматура А500С',
  'Газобетонный блок',
  'Офисное кресло',
  'Монтаж вентиляции',
  'Office chair',
  'Diesel generator',
];
const featuresOf = (text: string, more: Partial<PriorityInput> = {}): FeatureCode[] =>
  extractFeatures({ text, catalog, ...more });
const has = (text: string, code: FeatureCode, more?: Partial<PriorityInput>) =>
  expect(featuresOf(text, more)).toContain(code);
const lacks = (text: string, code: FeatureCode, more?: Partial<PriorityInput>) =>
  expect(featuresOf(text, more)).not.toContain(code);

describe('priority features, one by one', () => {
  it('finds a catalog product through Russian inflection and English plurals', () => {
    has('Нужны газобетонные блоки на дом', 'product');
    has('Сколько стоят ваши офисные кресла?', 'product');
    has('нужно 3 тонны арматуры', 'product'); // the grade in the catalog name is a qualifier
    has('Quote for 60 ergonomic office chairs', 'product');
    has('need a diesel generators for the site', 'product');
    lacks('Нужен монтаж', 'product'); // a generic word never names a catalog item alone
    lacks('Нужны блоки питания', 'product');
    lacks('Office chair', 'product', { catalog: [] });
  });

  it('tolerates a one-letter typo in a product word', () => {
    has('ofice chairs for 20 people', 'product');
  });

  it('reads quantities with units in Russian and English', () => {
    for (const text of [
      '50 шт',
      '200 м²',
      '3 тонны',
      '3т арматуры',
      '60 кубов песка',
      '24 поддона',
      '15 тысяч штук',
      'две машины щебня',
    ])
      has(text, 'quantity');
    for (const text of [
      '10 pcs',
      '4 pallets',
      '300 sqm',
      '12 units',
      'Zebra ZT410 x2',
      '4x Dell servers',
      'qty: 40',
      'two forklifts',
    ])
      has(text, 'quantity', { catalog: ['Forklift'] });
    has('Нужно 40 офисных кресел', 'quantity');
  });

  it('does not take dates, floors, sizes or a unit price for a quantity', () => {
    for (const text of [
      'к 15 марта',
      'офис на 3 этаже',
      'арматура 12мм',
      'с 1 числа, 5 дней в неделю',
      'Сколько стоит 1 м² у вас?',
      'How much is 1 m2?',
    ])
      lacks(text, 'quantity');
    has('компрессор 7,5 кВт, 1 шт.', 'quantity'); // one piece is an order when it is not a price question
  });

  it('reads grades, models, sizes and standards as a specification', () => {
    for (const text of [
      'Арматура А500С',
      'блоки D500 600х300х200',
      'лист 4 мм',
      'ГОСТ 5781',
      'цвет RAL 9003',
      'наконечники ТМЛ 35-8',
      'плиты ПК 60-12-8',
      'бетон м300',
      'Dell R650',
      '16GB RAM, 512 SSD',
      'inverter 250A',
    ])
      has(text, 'specification');
    for (const text of [
      'Здравствуйте, сколько стоит?',
      'Тел. +7 912 345-67-89',
      'ИНН 7714556677',
      'до 15.03.2026',
      'на 47-й км',
    ])
      lacks(text, 'specification');
  });

  it('reads a budget in roubles, thousands and foreign currency', () => {
    for (const text of [
      'бюджет до 500 тыс. руб',
      'до 300 000 ₽',
      'в пределах 2 млн',
      'budget $5k',
      'up to EUR 15,000',
      'around $18k',
      'бюджет 80 тыс. за штуку',
    ])
      has(text, 'budget');
    lacks('15 тысяч штук кирпича', 'budget');
    lacks('бюджет ограничен', 'budget');
  });

  it('reads deadlines, dates and urgency', () => {
    for (const text of [
      'к 15 марта',
      'до конца недели',
      'нужно до 20.05',
      'срочно',
      'завтра',
      'до пятницы',
      'в течение двух недель',
      'проект нужен к маю',
      'by Friday',
      'ASAP',
      'before 25 August',
      'March 15',
      'within 2 weeks',
      'this month',
    ])
      has(text, 'deadline');
    for (const text of [
      'Какие у вас сроки изготовления?',
      'What are your usual lead times?',
      'экран 15.6 дюйма',
    ])
      lacks(text, 'deadline');
  });

  it('reads a delivery place or an address', () => {
    for (const text of [
      'доставка в Казань',
      'адрес: ул. Баумана, 12',
      'самовывоз со склада',
      'Арматура 3т, Казань',
      'объект в Ярославле',
      'ship to Warsaw',
      'delivered to our site in Tbilisi',
      'address: 14 Mill Lane',
      'CIF Mersin port',
      'office in Lisbon',
    ])
      has(text, 'delivery');
    lacks('Сколько стоит?', 'delivery');
    lacks('Please invoice to Bright Solutions LLC', 'delivery'); // a company, not a place
    lacks('Подготовлю к Новому году? В Понедельник позвоню', 'delivery');
  });

  it('reads company requisites and legal forms', () => {
    for (const text of [
      'ИНН 7714556677',
      'КПП 771401001',
      'ОГРН 1027700132195',
      'ИНН покупателя 6312098765',
      'VAT ID PL5252248481',
      'company no. 08123456',
    ])
      has(text, 'requisites');
    has('карточка во вложении', 'requisites', {
      attachments: [{ name: 'Карточка предприятия.docx', type: 'application/msword' }],
    });
    has('счёт на ООО «Альфа»', 'legal_entity');
    has('invoice to Nordic Data AB', 'legal_entity');
    lacks('ооо, забыл', 'legal_entity'); // only the capitalised form
  });

  it('tells a specification file from any other attachment', () => {
    const spec = (name: string, type = 'application/pdf') =>
      featuresOf('см. вложение', { attachments: [{ name, type }] });
    expect(spec('спецификация мебель.xlsx', 'application/vnd.ms-excel')).toContain(
      'attachment_spec',
    );
    expect(spec('Проект ОВ цех.pdf')).toContain('attachment_spec');
    expect(spec('BOQ_fitout.xlsx')).toContain('attachment_spec');
    expect(spec('photo.jpg', 'image/jpeg')).toContain('attachment');
  });

  it('marks a bare price question and a request with no subject', () => {
    for (const text of [
      'Сколько стоит?',
      'Какие у вас цены?',
      'Пришлите прайс',
      'How much?',
      'Please send your price list',
    ]) {
      has(text, 'price_only');
      lacks(text, 'no_subject');
    }
    for (const text of ['Перезвоните мне', 'Интересует сотрудничество', 'I need a consultation'])
      has(text, 'no_subject');
    lacks('Сколько стоит цемент М500, 200 мешков?', 'price_only'); // a price question that names product and quantity
    lacks('How much for 200 bags of Portland cement?', 'price_only');
  });

  it('sees a follow-up on an order, and a seller or job seeker who is not a buyer', () => {
    has('Перезвонить по заказу № 4512', 'existing_order');
    has('Повторите прошлый заказ', 'existing_order');
    has('The pump you supplied last year failed', 'existing_order');
    has('Мы — завод-производитель арматуры, готовы поставлять от 20 т', 'not_a_buyer');
    has('We are a rebar manufacturer and can supply 500 t a month', 'not_a_buyer');
    has('Ищу работу менеджером, резюме прилагаю', 'not_a_buyer');
  });

  it('takes who sent it and through which channel from the input', () => {
    const f = featuresOf('Сколько стоит?', {
      channel: 'phone',
      client: { isKnownClient: true, hasOpenDeal: true, pastPurchases: 3 },
      hasCalculatorResult: true,
    });
    expect(f).toEqual(
      expect.arrayContaining([
        'known_client',
        'open_deal',
        'past_purchases',
        'channel_phone',
        'calculator',
      ]),
    );
    expect(featuresOf('x', { client: { pastPurchases: 0 } })).not.toContain('past_purchases');
  });
});

describe('scoreRequest', () => {
  it('puts a concrete request far above a bare price question', () => {
    const concrete = scoreRequest({ text: 'Арматура А500С 12мм 3т, Казань, счёт на ООО', catalog });
    const vague = scoreRequest({ text: 'Сколько стоит?', catalog });
    expect(concrete.score).toBeGreaterThan(90);
    expect(vague.score).toBeLessThan(20);
    expect(vague.reasons).toEqual([
      { code: 'price_only', weight: DEFAULT_WEIGHTS.features.price_only, sign: '-' },
    ]);
  });

  it('ranks English the same way', () => {
    const concrete = scoreRequest({
      text: 'Please quote 40 t of B500B rebar, 12 mm, delivered to Rotterdam by end of March',
      catalog,
    });
    const vague = scoreRequest({ text: 'Hi, how much?', catalog });
    expect(concrete.score).toBeGreaterThan(90);
    expect(vague.score).toBeLessThan(20);
  });

  it('lists reasons by their contribution, strongest first, with signs', () => {
    const { reasons } = scoreRequest({
      text: 'Нужно 40 офисных кресел к 1 марта',
      catalog,
      client: { isKnownClient: true },
    });
    expect(reasons.map((r) => r.code)).toEqual(['quantity', 'product', 'deadline', 'known_client']); // equal weights: by code
    expect(reasons.every((r) => r.sign === '+' && r.weight > 0)).toBe(true);
    for (let i = 1; i < reasons.length; i++)
      expect(Math.abs(reasons[i - 1]!.weight)).toBeGreaterThanOrEqual(Math.abs(reasons[i]!.weight));
  });

  it('warms a request up for a known client with an open deal', () => {
    const cold = scoreRequest({ text: 'Пришлите КП на профнастил', catalog });
    const warm = scoreRequest({
      text: 'Пришлите КП на профнастил',
      catalog,
      client: { isKnownClient: true, hasOpenDeal: true, pastPurchases: 2 },
    });
    expect(warm.score).toBeGreaterThan(cold.score + 20);
  });

  it('uses the weights it is given: they are data', () => {
    const weights = { version: 7, bias: 0, features: { price_only: -10 } };
    expect(scoreRequest({ text: 'Сколько стоит?' }, weights)).toEqual({
      score: 0,
      reasons: [{ code: 'price_only', weight: -10, sign: '-' }],
    });
    expect(JSON.parse(JSON.stringify(DEFAULT_WEIGHTS))).toEqual(DEFAULT_WEIGHTS);
  });

  it('stays within 0..100 for an empty request', () => {
    const { score } = scoreRequest({});
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
  });
});
