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

describe('the hard cases of issue 22', () => {
  const score = (text: string, more: Partial<PriorityInput> = {}) =>
    scoreRequest({ text, catalog, channel: 'web', ...more }).score;

  it('stems Russian and English through Snowball, so any inflection of a catalog word counts', () => {
    for (const text of [
      'Нужны газобетонные блоки',
      'газобетонных блоков не хватило',
      'газобетонным блоком',
      'офисных кресел',
      'diesel generators',
    ])
      has(text, 'product');
  });

  it('scores a short, fully concrete request warm, in Russian and English', () => {
    expect(score('Котёл 24 кВт, 2 шт., до пятницы, Казань')).toBeGreaterThanOrEqual(90);
    expect(
      score('2 pallets of Kingspan K118 50mm please, to our yard in Newry, Thursday AM'),
    ).toBeGreaterThanOrEqual(90);
  });

  it('reads "сколько стоит" with a precise subject as concrete, a bare one as a price question', () => {
    const concrete = featuresOf('сколько стоит монтаж 40 м² ламината?');
    expect(concrete).toEqual(expect.arrayContaining(['named_need', 'quantity']));
    expect(concrete).not.toContain('price_only');
    expect(score('сколько стоит монтаж 40 м² ламината?')).toBeGreaterThanOrEqual(80);
    expect(
      score('How much to lay 40 sqm of laminate flooring in a flat in Vilnius?'),
    ).toBeGreaterThanOrEqual(80);
    expect(featuresOf('Сколько стоит монтаж?')).toContain('price_only');
    expect(score('Сколько стоит монтаж?')).toBeLessThan(20);
  });

  it('keeps a long polite request that never names a need cold, and says why', () => {
    const ru =
      'Добрый день! Мы планируем расширение и хотели бы узнать, чем вы можете быть полезны нашей компании. Будем благодарны за любую информацию о вашей продукции и условиях сотрудничества.';
    const en =
      'Dear team, our company is growing quickly and we may need various equipment and materials in the coming months. Could you please share what you can offer and your general terms?';
    for (const text of [ru, en]) {
      expect(featuresOf(text)).toEqual(expect.arrayContaining(['no_subject', 'general_info']));
      expect(score(text)).toBeLessThan(10);
    }
  });

  it('names a thing outside the catalog after a word of need, and a category alone stays cold', () => {
    has('Нужна спецодежда для склада, к понедельнику', 'named_need');
    has('We need someone to fix the heating in our warehouse in Lodz', 'named_need');
    lacks('Нужна консультация специалиста', 'named_need');
    lacks('Хотим у вас заказать, свяжитесь с нами.', 'named_need');
    lacks('Сколько стоит доставка в Казань?', 'named_need'); // a place is not a thing
    for (const text of ['Почём у вас поликарбонат?', 'Do you sell office chairs?']) {
      has(text, 'category_only');
      expect(score(text)).toBeLessThan(40);
    }
    lacks('Нужен поликарбонат 8 мм, 30 листов', 'category_only');
  });

  it('reads deadlines as dates, weekdays and seasons in Russian and English', () => {
    for (const text of [
      'до 20 декабря',
      'к пятнице',
      'на пятницу',
      'by Friday',
      'Thursday AM',
      'летом во время каникул',
      'before christmas',
      'next week',
    ])
      has(text, 'deadline');
    lacks('Сколько по времени доставка?', 'deadline');
  });

  it('reads models, sizes, standards, quantities with units, budgets and addresses', () => {
    has('Bosch GBH 2-26 DRE три штуки', 'specification');
    has('анкерные болты DIN 933 M12x80', 'specification');
    has('арматура ГОСТ 34028', 'specification');
    for (const text of [
      '2 шт',
      '45 м2',
      '6 квадратов',
      '20 тонн',
      '100 pcs',
      '300 sq m',
      '12 комплектов',
    ])
      has(text, 'quantity');
    has('бюджет до 250 тыс. руб.', 'budget');
    has('Budget is around EUR 12,000', 'budget');
    has('Нужна замена стояков, г. Иваново', 'delivery');
    lacks('Вы доставляете в регионы?', 'delivery');
  });

  it('takes invitations and pitches that promise to improve our figures for what they are', () => {
    has('Приглашаем вас принять участие в выставке «СтройЭкспо-2027»', 'not_a_buyer');
    has("Hi! We're a logistics startup that can cut your delivery costs by 20%.", 'not_a_buyer');
    lacks('Приглашаем к участию в закупке: светильники 36 Вт, 600 шт.', 'not_a_buyer'); // a buyer's tender
  });

  it('scores a booked meeting warm even with no answers', () => {
    const booked = scoreRequest({ subject: 'Замер — 12.12.2026 10:00', channel: 'booking' });
    expect(booked.score).toBeGreaterThanOrEqual(70);
    expect(booked.reasons.map((r) => r.code)).toEqual(['channel_booking']);
  });
});
