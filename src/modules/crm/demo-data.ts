// The demo workspace's client base: fictional Russian companies in real cities, served by real banks
// (published BIK and correspondent accounts). Requisites are completed with valid check digits in
// demo.ts; everything here is plain content.

export type DemoBank = { name: string; bik: string; corr: string };
export const demoBanks: DemoBank[] = [
  { name: 'ПАО Сбербанк', bik: '044525225', corr: '30101810400000000225' },
  { name: 'АО «Альфа-Банк»', bik: '044525593', corr: '30101810200000000593' },
  { name: 'Банк ВТБ (ПАО)', bik: '044525187', corr: '30101810700000000187' },
  { name: 'АО «ТБанк»', bik: '044525974', corr: '30101810145250000974' },
  { name: 'Уральский банк ПАО Сбербанк', bik: '046577674', corr: '30101810500000000674' },
  { name: 'Сибирский банк ПАО Сбербанк', bik: '045004641', corr: '30101810500000000641' },
  { name: 'Северо-Западный банк ПАО Сбербанк', bik: '044030653', corr: '30101810500000000653' },
  { name: 'Волго-Вятский банк ПАО Сбербанк', bik: '042202603', corr: '30101810900000000603' },
  { name: 'ПАО «Банк «Санкт-Петербург»', bik: '044030790', corr: '30101810900000000790' },
  { name: 'ООО «Банк Точка»', bik: '044525104', corr: '30101810745374525104' },
  { name: 'ПАО «Промсвязьбанк»', bik: '044525555', corr: '30101810400000000555' },
  { name: 'ПАО «АК БАРС» Банк', bik: '049205805', corr: '30101810000000000805' },
  { name: 'Юго-Западный банк ПАО Сбербанк', bik: '046015602', corr: '30101810600000000602' },
  { name: 'Поволжский банк ПАО Сбербанк', bik: '043601607', corr: '30101810200000000607' },
];

// region: the subject code INN, KPP and OGRN start with; office: the tax office within it;
// dial: the city's telephone code; bank: an index into demoBanks. An entrepreneur (ИП) names its person.
export type DemoCompany = {
  name: string;
  form: 'ООО' | 'АО' | 'ПАО' | 'ИП';
  industry: string;
  region: string;
  office: string;
  address: string;
  website: string | null;
  timezone: string;
  dial: string;
  bank: number;
  tags: string[];
  person?: [last: string, first: string, middle: string, sex: 'm' | 'f'];
};

const msk = 'Europe/Moscow';
const ekb = 'Asia/Yekaterinburg';
export const demoCompanies: DemoCompany[] = [
  { name: 'ООО «Уралметпром»', form: 'ООО', industry: 'Металлопрокат', region: '66', office: '58', address: '620014, г. Екатеринбург, ул. Малышева, д. 51, офис 1204', website: 'uralmetprom.ru', timezone: ekb, dial: '343', bank: 4, tags: ['ключевой клиент'] },
  { name: 'АО «Волжский машиностроительный завод»', form: 'АО', industry: 'Машиностроение', region: '63', office: '15', address: '443022, г. Самара, Заводское шоссе, д. 18', website: 'vmz-samara.ru', timezone: 'Europe/Samara', dial: '846', bank: 13, tags: ['тендер'] },
  { name: 'ООО «ТехноСтрой Инжиниринг»', form: 'ООО', industry: 'Строительство', region: '77', office: '25', address: '115280, г. Москва, ул. Ленинская Слобода, д. 19, стр. 2', website: 'tsi-stroy.ru', timezone: msk, dial: '495', bank: 0, tags: ['VIP'] },
  { name: 'ООО «Северо-Западная логистическая компания»', form: 'ООО', industry: 'Логистика', region: '78', office: '11', address: '192019, г. Санкт-Петербург, ул. Седова, д. 11, лит. А', website: 'szlk.ru', timezone: msk, dial: '812', bank: 8, tags: [] },
  { name: 'ООО «Кубань-Зерно»', form: 'ООО', industry: 'Сельское хозяйство', region: '23', office: '10', address: '350000, г. Краснодар, ул. Красная, д. 122', website: 'kuban-zerno.ru', timezone: msk, dial: '861', bank: 12, tags: ['опт'] },
  { name: 'ООО «Медицинский центр «Здоровье+»', form: 'ООО', industry: 'Медицина', region: '16', office: '55', address: '420111, г. Казань, ул. Баумана, д. 44/8', website: 'zdorovie-plus.ru', timezone: msk, dial: '843', bank: 11, tags: [] },
  { name: 'ООО «Сибирские окна»', form: 'ООО', industry: 'Производство стройматериалов', region: '54', office: '06', address: '630099, г. Новосибирск, ул. Советская, д. 37', website: 'sibokna.ru', timezone: 'Asia/Novosibirsk', dial: '383', bank: 5, tags: ['дилер'] },
  { name: 'АО «Нижегородский хлебокомбинат»', form: 'АО', industry: 'Пищевое производство', region: '52', office: '60', address: '603005, г. Нижний Новгород, ул. Минина, д. 8', website: 'nnhleb.ru', timezone: msk, dial: '831', bank: 7, tags: [] },
  { name: 'ООО «Цифровые решения»', form: 'ООО', industry: 'Разработка ПО', region: '77', office: '03', address: '123112, г. Москва, Пресненская наб., д. 12, офис 3105', website: 'digital-resh.ru', timezone: msk, dial: '495', bank: 3, tags: ['VIP'] },
  { name: 'ООО «ЭнергоСервис Урал»', form: 'ООО', industry: 'Энергетика', region: '74', office: '51', address: '454091, г. Челябинск, пр-т Ленина, д. 21В', website: 'energoservis74.ru', timezone: ekb, dial: '351', bank: 4, tags: ['тендер'] },
  { name: 'ООО «Пермская химическая компания»', form: 'ООО', industry: 'Химическая промышленность', region: '59', office: '02', address: '614000, г. Пермь, ул. Ленина, д. 58', website: 'permchem.ru', timezone: ekb, dial: '342', bank: 10, tags: [] },
  { name: 'ООО «ДонАвтоТранс»', form: 'ООО', industry: 'Грузоперевозки', region: '61', office: '63', address: '344002, г. Ростов-на-Дону, ул. Большая Садовая, д. 73', website: 'donavtotrans.ru', timezone: msk, dial: '863', bank: 12, tags: [] },
  { name: 'ООО «Гостиничный комплекс «Волга»', form: 'ООО', industry: 'Гостиничный бизнес', region: '52', office: '57', address: '603001, г. Нижний Новгород, Нижне-Волжская наб., д. 2', website: 'hotel-volga.ru', timezone: msk, dial: '831', bank: 7, tags: [] },
  { name: 'ООО «Торговый дом «Русский фермер»', form: 'ООО', industry: 'Оптовая торговля продуктами', region: '77', office: '22', address: '109147, г. Москва, ул. Марксистская, д. 34, корп. 7', website: 'rusfermer.ru', timezone: msk, dial: '495', bank: 1, tags: ['опт'] },
  { name: 'ООО «Стоматология «Улыбка»', form: 'ООО', industry: 'Медицина', region: '78', office: '02', address: '191025, г. Санкт-Петербург, Невский пр-т, д. 106', website: 'ulybka-spb.ru', timezone: msk, dial: '812', bank: 6, tags: [] },
  { name: 'ООО «Тюменьнефтесервис»', form: 'ООО', industry: 'Нефтесервис', region: '72', office: '03', address: '625003, г. Тюмень, ул. Республики, д. 14', website: 'tns72.ru', timezone: ekb, dial: '3452', bank: 2, tags: ['ключевой клиент'] },
  { name: 'ООО «Воронежская мебельная фабрика»', form: 'ООО', industry: 'Мебельное производство', region: '36', office: '64', address: '394036, г. Воронеж, ул. Кольцовская, д. 35', website: 'vmf36.ru', timezone: msk, dial: '473', bank: 0, tags: [] },
  { name: 'АО «Мосстройкомплект»', form: 'АО', industry: 'Оптовая торговля стройматериалами', region: '77', office: '13', address: '129090, г. Москва, ул. Щепкина, д. 28', website: 'msk-komplekt.ru', timezone: msk, dial: '495', bank: 2, tags: ['дилер', 'опт'] },
  { name: 'ООО «Кадровое агентство «Персонал Про»', form: 'ООО', industry: 'Подбор персонала', region: '66', office: '70', address: '620075, г. Екатеринбург, ул. Луначарского, д. 81, офис 405', website: 'personalpro.ru', timezone: ekb, dial: '343', bank: 9, tags: [] },
  { name: 'ООО «Академия бизнеса «Рост»', form: 'ООО', industry: 'Образование', region: '77', office: '07', address: '121099, г. Москва, Смоленская пл., д. 3, офис 610', website: 'rost-academy.ru', timezone: msk, dial: '499', bank: 3, tags: [] },
  { name: 'ООО «Чистый город»', form: 'ООО', industry: 'Клининг', region: '16', office: '57', address: '420107, г. Казань, ул. Петербургская, д. 50, корп. 23', website: 'chistygorod-kzn.ru', timezone: msk, dial: '843', bank: 11, tags: [] },
  { name: 'ООО «Полиграфический центр «Формат»', form: 'ООО', industry: 'Полиграфия', region: '54', office: '05', address: '630132, г. Новосибирск, ул. Красноярская, д. 35', website: 'format-nsk.ru', timezone: 'Asia/Novosibirsk', dial: '383', bank: 5, tags: [] },
  { name: 'ИП Соколова Марина Викторовна', form: 'ИП', industry: 'Розничная торговля', region: '23', office: '09', address: '350063, г. Краснодар, ул. Мира, д. 19, кв. 7', website: null, timezone: msk, dial: '861', bank: 3, tags: [], person: ['Соколова', 'Марина', 'Викторовна', 'f'] },
  { name: 'ИП Гарипов Ринат Ильдарович', form: 'ИП', industry: 'Грузоперевозки', region: '16', office: '59', address: '420140, г. Казань, ул. Юлиуса Фучика, д. 90, кв. 112', website: null, timezone: msk, dial: '843', bank: 9, tags: [], person: ['Гарипов', 'Ринат', 'Ильдарович', 'm'] },
  { name: 'ИП Белов Андрей Сергеевич', form: 'ИП', industry: 'Ремонт и отделка', region: '63', office: '19', address: '443013, г. Самара, ул. Дачная, д. 24, кв. 56', website: 'belov-remont.ru', timezone: 'Europe/Samara', dial: '846', bank: 1, tags: [], person: ['Белов', 'Андрей', 'Сергеевич', 'm'] },
];

// Last names in the male form; the female form is derived (-ов → -ова, -ский → -ская).
export const lastNames = [
  'Орлов', 'Лебедев', 'Новиков', 'Козлов', 'Волков', 'Зайцев', 'Павлов', 'Семёнов', 'Голубев', 'Виноградов', 'Богданов', 'Воробьёв',
  'Фёдоров', 'Михайлов', 'Беляев', 'Тарасов', 'Комаров', 'Киселёв', 'Макаров', 'Андреев', 'Ковалёв', 'Ильин', 'Гусев', 'Титов',
  'Кудрявцев', 'Баранов', 'Куликов', 'Алексеев', 'Степанов', 'Яковлев', 'Сорокин', 'Сергеев', 'Романов', 'Захаров', 'Борисов', 'Королёв',
  'Герасимов', 'Пономарёв', 'Григорьев', 'Лазарев', 'Медведев', 'Ершов', 'Никитин', 'Соболев', 'Рябов', 'Поляков', 'Цветков', 'Данилов',
  'Жуков', 'Фролов', 'Журавлёв', 'Николаев', 'Крылов', 'Максимов', 'Осипов', 'Белоусов', 'Федотов', 'Егоров', 'Калинин', 'Шестаков',
  'Покровский', 'Хабибуллин', 'Закиров', 'Коваленко', 'Шевчук', 'Гаврилов',
];
export const maleFirst = ['Александр', 'Дмитрий', 'Сергей', 'Андрей', 'Алексей', 'Максим', 'Евгений', 'Иван', 'Михаил', 'Николай', 'Павел', 'Роман', 'Владимир', 'Константин', 'Артём', 'Олег', 'Виктор', 'Илья', 'Денис', 'Юрий'];
export const femaleFirst = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Анна', 'Мария', 'Екатерина', 'Юлия', 'Марина', 'Ксения', 'Виктория', 'Людмила', 'Дарья'];
export const patronymics: [male: string, female: string][] = [
  ['Александрович', 'Александровна'], ['Сергеевич', 'Сергеевна'], ['Владимирович', 'Владимировна'], ['Николаевич', 'Николаевна'],
  ['Андреевич', 'Андреевна'], ['Михайлович', 'Михайловна'], ['Игоревич', 'Игоревна'], ['Петрович', 'Петровна'], ['Викторович', 'Викторовна'],
  ['Юрьевич', 'Юрьевна'], ['Анатольевич', 'Анатольевна'], ['Олегович', 'Олеговна'], ['Васильевич', 'Васильевна'], ['Евгеньевич', 'Евгеньевна'],
];
// The first position of a company is its director (a decision maker, tagged ЛПР).
export const positions = ['Генеральный директор', 'Коммерческий директор', 'Главный бухгалтер', 'Руководитель отдела закупок', 'Главный инженер', 'Менеджер по закупкам', 'ИТ-директор', 'Начальник отдела снабжения', 'Финансовый директор', 'Офис-менеджер'];
export const mobilePrefixes = ['912', '922', '950', '913', '923', '917', '927', '903', '905', '915', '916', '925', '926', '977', '985', '911', '921', '981', '918', '928', '960', '961', '987', '999'];

// Deals: a company (index), a title, the amount in roubles and the stage reached in the default
// layout (0–7 open, 8 won, 9 lost); a lost deal also names the stage it was lost from.
export type DemoDeal = { company: number; title: string; rub: number; stage: number; lostFrom?: number };
export const demoDeals: DemoDeal[] = [
  { company: 0, title: 'Ленточнопильный станок Pegas 300×320', rub: 1_850_000, stage: 0 },
  { company: 9, title: 'Тепловизоры для обходчиков, 6 шт.', rub: 720_000, stage: 0 },
  { company: 19, title: 'Ноутбуки для учебного класса, 20 шт.', rub: 1_340_000, stage: 0 },
  { company: 22, title: 'Онлайн-касса и терминал эквайринга', rub: 48_500, stage: 0 },
  { company: 3, title: 'Терминалы сбора данных для склада, 15 шт.', rub: 615_000, stage: 1 },
  { company: 5, title: 'Лицензии МИС на 12 рабочих мест', rub: 486_000, stage: 1 },
  { company: 13, title: 'Весовое оборудование для распределительного центра', rub: 932_000, stage: 1 },
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
  { company: 13, title: 'Торговые холодильники для магазинов сети', rub: 1_450_000, stage: 9, lostFrom: 1 },
  { company: 5, title: 'УЗИ-аппарат экспертного класса', rub: 7_300_000, stage: 9, lostFrom: 5 },
];

// Timeline entries a deal gathers on its way; {contact} is the deal's contact.
export const dealNotes: { call: [body: string, outcome: string][]; email: string[]; meeting: string[]; note: string[] } = {
  call: [
    ['Обсудили техническое задание, {contact} пришлёт спецификацию до конца недели.', 'договорились о следующем шаге'],
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
  meeting: ['Встреча на объекте: осмотрели площадку, сняли размеры.', 'Презентация в офисе клиента, присутствовали {contact} и главный инженер.'],
  note: ['Конкурент предложил цену на 7% ниже — готовим обоснование нашей комплектации.', 'Решение принимает генеральный директор, бюджет утверждён на квартал.', 'Клиент просит отсрочку платежа 30 дней.'],
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
