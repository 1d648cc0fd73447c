// The demo's deals, their notes and the titles of their tasks.

// Deals: a company (index), a title, the amount in roubles and the stage reached in the default
// layout (0–7 open, 8 won, 9 lost); a lost deal also names the stage it was lost from.
export type DemoDeal = {
  company: number;
  title: string;
  rub: number;
  stage: number;
  lostFrom?: number;
};
export const demoDeals: DemoDeal[] = [
  { company: 0, title: 'Ленточнопильный станок Pegas 300×320', rub: 1_850_000, stage: 0 },
  { company: 9, title: 'Тепловизоры для обходчиков, 6 шт.', rub: 720_000, stage: 0 },
  { company: 19, title: 'Ноутбуки для учебного класса, 20 шт.', rub: 1_340_000, stage: 0 },
  { company: 22, title: 'Онлайн-касса и терминал эквайринга', rub: 48_500, stage: 0 },
  { company: 3, title: 'Терминалы сбора данных для склада, 15 шт.', rub: 615_000, stage: 1 },
  { company: 5, title: 'Лицензии МИС на 12 рабочих мест', rub: 486_000, stage: 1 },
  {
    company: 13,
    title: 'Весовое оборудование для распределительного центра',
    rub: 932_000,
    stage: 1,
  },
  { company: 24, title: 'Лазерный нивелир и дальномеры', rub: 96_400, stage: 1 },
  { company: 1, title: 'Модернизация участка ЧПУ', rub: 12_400_000, stage: 2 },
  { company: 15, title: 'Сервисный договор на насосное оборудование', rub: 2_160_000, stage: 2 },
  { company: 20, title: 'Поломоечные машины Karcher, 4 шт.', rub: 1_080_000, stage: 2 },
  { company: 2, title: 'Видеонаблюдение на стройплощадке ЖК «Южный»', rub: 1_275_000, stage: 3 },
  { company: 6, title: 'Складские стеллажи, 420 паллетомест', rub: 2_940_000, stage: 3 },
  { company: 12, title: 'Wi-Fi для гостиницы: 110 номеров', rub: 864_000, stage: 3 },
  { company: 18, title: 'Сервер 1С и лицензии на 25 рабочих мест', rub: 745_000, stage: 3 },
  { company: 10, title: 'Лабораторные весы и сушильные шкафы', rub: 538_000, stage: 4 },
  { company: 16, title: 'Кромкооблицовочный станок', rub: 3_150_000, stage: 4 },
  { company: 8, title: 'Серверное оборудование для ЦОД', rub: 8_750_000, stage: 4 },
  { company: 7, title: 'Холодильные камеры для склада сырья', rub: 1_690_000, stage: 5 },
  { company: 17, title: 'Погрузчики Heli 2,5 т, 3 шт.', rub: 5_370_000, stage: 5 },
  { company: 11, title: 'Тахографы и GPS-мониторинг для 40 машин', rub: 1_120_000, stage: 5 },
  { company: 4, title: 'Зерноочистительная машина', rub: 4_280_000, stage: 6 },
  { company: 14, title: 'Стоматологическая установка', rub: 1_960_000, stage: 6 },
  { company: 0, title: 'Газорезательное оборудование', rub: 2_475_000, stage: 7 },
  { company: 21, title: 'Цифровая печатная машина', rub: 6_890_000, stage: 7 },
  { company: 2, title: 'Бытовки и оснащение городка строителей', rub: 2_310_000, stage: 8 },
  { company: 8, title: 'Рабочие станции для разработчиков, 30 шт.', rub: 4_125_000, stage: 8 },
  { company: 15, title: 'Газоанализаторы, 12 шт.', rub: 684_000, stage: 8 },
  { company: 23, title: 'GPS-трекеры для 5 грузовиков', rub: 67_500, stage: 8 },
  { company: 1, title: 'Координатно-измерительная машина', rub: 9_800_000, stage: 9, lostFrom: 3 },
  {
    company: 13,
    title: 'Торговые холодильники для магазинов сети',
    rub: 1_450_000,
    stage: 9,
    lostFrom: 1,
  },
  { company: 5, title: 'УЗИ-аппарат экспертного класса', rub: 7_300_000, stage: 9, lostFrom: 5 },
];

// Timeline entries a deal gathers on its way; {contact} is the deal's contact.
export const dealNotes: {
  call: [body: string, outcome: string][];
  email: string[];
  meeting: string[];
  note: string[];
} = {
  call: [
    [
      'Обсудили техническое задание, {contact} пришлёт спецификацию до конца недели.',
      'договорились о следующем шаге',
    ],
    ['{contact} уточнил сроки поставки и условия оплаты: аванс 50%.', 'интерес подтверждён'],
    ['Не дозвонились, перезвонить после обеда.', 'нет ответа'],
    ['Согласовали дату демонстрации оборудования.', 'назначена встреча'],
  ],
  email: [
    'Отправили коммерческое предложение с тремя вариантами комплектации.',
    'Направили проект договора на согласование юристам клиента.',
    'Выслали счёт на оплату и график поставки.',
    'Ответили на вопросы по гарантии и сервисному обслуживанию.',
  ],
  meeting: [
    'Встреча на объекте: осмотрели площадку, сняли размеры.',
    'Презентация в офисе клиента, присутствовали {contact} и главный инженер.',
  ],
  note: [
    'Конкурент предложил цену на 7% ниже — готовим обоснование нашей комплектации.',
    'Решение принимает генеральный директор, бюджет утверждён на квартал.',
    'Клиент просит отсрочку платежа 30 дней.',
  ],
};

export const taskTitles: [kind: 'call' | 'meeting' | 'email' | 'todo', title: string][] = [
  ['call', 'Позвонить: уточнить сроки и бюджет'],
  ['email', 'Отправить коммерческое предложение'],
  ['meeting', 'Встреча: демонстрация оборудования'],
  ['todo', 'Подготовить проект договора'],
  ['todo', 'Выставить счёт'],
  ['call', 'Проверить поступление оплаты'],
  ['todo', 'Согласовать график отгрузки'],
  ['call', 'Напомнить о согласовании договора'],
  ['email', 'Отправить презентацию и отзывы клиентов'],
];
