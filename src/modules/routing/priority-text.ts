// What a request's text says, by hand-written domain rules for Russian and English B2B requests:
// quantities with units, budgets, deadlines, delivery places, company requisites, grades and sizes,
// order intent, and bare price questions. Each detector is a pure function of the text.
import { normalizeText, type Token } from './words.js';
import { B, E, NUM, rx, any } from './text-patterns.js';

export { hasQuantity } from './priority-quantity.js';

// Grades, models, sizes and standards: "А500С", "D500", "600х300х200", "12мм", "ГОСТ 5781", "RAL 9003".
const specPatterns = [
  rx(`${NUM}\\s?[xх×*]\\s?${NUM}`),
  rx(
    `${B}${NUM}\\s?(?:мм|см|mm|cm|квт|ква|kw|kva|вт|w|гб|gb|тб|tb|btu|lm|лм|бар|bar|мпа|mpa|мп|mp|u|va|гц|hz|дюйм\\p{L}*|inch\\p{L}*|мм2|мм²|mm2|mm²)${E}`,
  ),
  rx(`${B}\\d+\\s?(?:A|А|V|В|VA|ВА)${E}`, 'u'),
  // Upper-case series with a number: "ТМЛ 35-8", "HEA 200", "HD 5/15", "ПЦ 500" (not "ИНН 77…", "УСН 15").
  rx(
    `${B}(?!(?:ИНН|КПП|ОГРН|ОГРНИП|БИК|ОКПО|НДС|УСН|VAT|ID|PO|TOP|ТОП)${E})[A-ZА-ЯЁ]{2,5}\\s\\d+(?:[-/.]\\d+)*${E}`,
    'u',
  ),
  rx(`${B}(?:гост|ту|снип|din|iso|astm|sdr|ral|ip|pn|dn|en|ac|cat)\\s?\\d`),
  rx(`${B}(?:фракци\\p{L}*|фр\\.|марк[аиу]|класс\\p{L}*|сорт\\p{L}*|grade|class)${E}`),
  rx(`${B}\\d+\\s(?:класс|сорт)`),
];
const caseSensitiveSpec = specPatterns.filter((p) => !p.ignoreCase);
const units = new Set(['m2', 'm3', 'mm', 'cm', 'km', 'kg']);

function isCode(token: Token, previous: Token | undefined): boolean {
  if (!token.hasDigit || !/[a-zа-я]/.test(token.norm)) return false;
  if (units.has(token.norm.replace(/^\d+/, '')) || previous?.raw.match(/^\d+$/)) return false;
  // Ordinals, times and amounts ("47-й", "14th", "7am", "3т", "80тыс", "5k") are not codes.
  const amount =
    /^\d+(?:й|го|х|е|ти|и|я|м|st|nd|rd|th|am|pm|т|тн|кг|л|шт|тыс|млн|руб|р|к|k|t|l|m|kg|pcs|pc|x|х)$/;
  if (amount.test(normalizeText(token.raw).replaceAll('-', ''))) return false;
  return /^[a-zа-я]{1,5}\d/.test(token.norm) || /^\d+[a-zа-я]{1,3}\d*$/.test(token.norm);
}

function hasMultipartCode(text: string): boolean {
  for (const match of text.matchAll(/(?<![\d.,-])(\d+)([.-])(\d+)\2(\d+)(?:\2\d+)*(?![\d])/g)) {
    const [day, month] = [Number(match[1]), Number(match[3])];
    if (match[2] === '-' || day > 31 || month > 12) return true; // "ПК 60-12-8", "БР 100.30.15"; not 15.03.2026
  }
  return false;
}

export const hasSpecification = (
  text: string,
  original: string,
  tokens: readonly Token[],
): boolean =>
  any(text, specPatterns) ||
  any(original, caseSensitiveSpec) ||
  hasMultipartCode(text) ||
  tokens.some((t, i) => isCode(t, tokens[i - 1]));

const budgetPatterns = [
  rx(`${B}(?:бюджет\\p{L}*|budget)${E}[^\\d]{0,25}\\d`),
  rx(
    `${B}${NUM}(?:\\s?[-–]\\s?${NUM})?\\s?(?:тыс\\.?|тысяч\\p{L}*|млн\\.?|миллион\\p{L}*|k)?\\s?(?:руб\\p{L}*|р\\.|₽|rub|usd|eur|gbp|\\$|€|£|тенге|₸|долл\\p{L}*|евро|dollars?|euros?)(?![\\p{L}])`,
  ),
  rx(`(?:\\$|€|£|${B}usd|${B}eur|${B}gbp)\\s?\\d`),
  rx(
    `${B}${NUM}(?:\\s?[-–]\\s?${NUM})?\\s?(?:тыс\\.?|тысяч\\p{L}*|млн\\.?|миллион\\p{L}*|k)(?![\\p{L}])(?!\\s*(?:шт|штук|ед|pcs|pieces|units|м|m|т|t|кг|kg))`,
  ),
];
export const hasBudget = (text: string): boolean => any(text, budgetPatterns);

const month =
  '(?:январ|феврал|март|апрел|ма[йяею]|июн|июл|август|сентябр|октябр|ноябр|декабр)\\p{L}*';
const weekdayRu =
  '(?:понедельник\\p{L}*|вторник\\p{L}*|сред[уеы]|четверг\\p{L}*|пятниц\\p{L}*|суббот\\p{L}*|воскресень\\p{L}*)';
const monthEn =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const weekdayEn =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)';
const deadlinePatterns = [
  rx(
    `${B}(?:к|до|на|с|по|by|until|till|before|on|from|deadline|срок)\\s+\\d{1,2}[./]\\d{1,2}(?:[./]\\d{2,4})?(?![\\d.,])`,
  ),
  rx(`${B}\\d{1,2}(?:-?го)?\\s+(?:и\\s+\\d{1,2}\\s+)?${month}`),
  rx(`${B}\\d{1,2}(?:-?го)?\\s+числа`),
  rx(
    `${B}(?:в|во|к|до|с|на|в начале|в конце|к концу|до конца|к середине|в середине|до середины)\\s+${month}`,
  ),
  rx(
    `${B}(?:сегодня|завтра|послезавтра|срочн\\p{L}*|как можно скорее|в ближайш\\p{L}+ (?:дн|недел)\\p{L}*|на (?:этой|следующей) неделе|до конца (?:недели|месяца|года|квартала|дня)|к концу (?:недели|месяца|года)|(?:в течение|через) (?:\\d+|\\p{L}+) (?:дн|день|недел|месяц)\\p{L}*|в течение \\d+|до обеда|к утру|к обеду|с понедельника|до начала \\p{L}+|к началу \\p{L}+|срок\\p{L}* (?:поставки|до|—|-)|до нового года|в \\p{L}+ квартале|на этой неделе|(?:этим |этой |будущим |следующим )?(?:летом|зимой|весной|осенью)|на (?:всё |все )?(?:лето|зиму|весну|осень)|(?:в|на) (?:эти|ближайшие|выходных|эти выходные)(?: выходные)?|на выходных|до холодов|до дождей|на каникулах|во время каникул)${E}`,
  ),
  rx(`${B}(?:к|до|в|во|с)\\s+${weekdayRu}${E}`),
  rx(
    `${B}(?:today|tonight|tomorrow|asap|urgent\\p{L}*|this (?:week|month)|next (?:week|month)|end of (?:the )?(?:week|month|year|quarter|${monthEn})|(?:within|in) (?:\\d+|a|one|two|three|four|five|six|a couple of) (?:days?|weeks?|months?)|deadline|in q[1-4]|q[1-4]|(?:this|next|the whole|all) (?:summer|winter|spring|autumn|fall|weekend)|before (?:winter|summer|christmas|the holidays|new year)|over the weekend)${E}`,
  ),
  rx(
    `${B}(?:by|before|until|till|on|from|starting|start|this|next|no later than)\\s+${weekdayEn}${E}`,
  ),
  rx(
    `${B}(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\\s+(?:am|pm|morning))?${E}`,
  ),
  rx(`${B}на\\s+${weekdayRu}${E}`),
  rx(`${B}${monthEn}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?${E}`),
  rx(`${B}\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${monthEn}${E}`),
  rx(
    `${B}(?:in|by|before|until|from)\\s+(?:january|february|march|april|june|july|august|september|october|november|december)${E}`,
  ),
  rx(`${B}(?:by|on) (?:the )?\\d{1,2}(?:st|nd|rd|th)${E}`),
];
export const hasDeadline = (text: string): boolean => any(text, deadlinePatterns);

const deliveryPatterns = [
  rx(
    `${B}(?:(?:доставк\\p{L}*|достав(?:ить|ите|им|ят)|привез\\p{L}*|отгрузк\\p{L}*|отгруз(?:ить|ите))\\s+(?:на|в|во|до|по)\\s+(?!регион|город|област|област|район|стран)\\p{L}+|самовывоз\\p{L}*|адрес\\p{L}*|на объект\\p{L}*|объект в|ул\\.|улиц\\p{L}*|шоссе|проспект\\p{L}*|набережн\\p{L}*|район\\p{L}*|р-н\\p{L}*|обл\\.|област\\p{L}*|промзон\\p{L}*|г\\.\\s?\\p{L}+|д\\.\\s?\\p{L}+|км)${E}`,
  ),
  rx(
    `${B}(?:deliver(?:ed|y)? to (?!(?:the )?(?:regions?|other cities|outside|anywhere))\\p{L}+|ship(?:ping|ped)? to|shipment to|pick ?up|collect(?:ion)? from|address|incoterms|cif|fob|exw|dap|ddp|fca|site in|site at|on site|port|street|road|lane|avenue|square|km outside)${E}`,
  ),
];
// Regional centres and the largest cities, for bare mentions ("…, Казань, счёт на ООО").
const cityStems = [
  'москв',
  'санкт-петербург',
  'петербург',
  'спб',
  'новосибирск',
  'екатеринбург',
  'казан',
  'новгород',
  'челябинск',
  'самар',
  'омск',
  'ростов-на-дону',
  'уф',
  'красноярск',
  'воронеж',
  'перм',
  'волгоград',
  'краснодар',
  'саратов',
  'тюмен',
  'тольятт',
  'ижевск',
  'барнаул',
  'ульяновск',
  'иркутск',
  'хабаровск',
  'ярославл',
  'владивосток',
  'махачкал',
  'томск',
  'оренбург',
  'кемерово',
  'новокузнецк',
  'рязан',
  'астрахан',
  'пенз',
  'липецк',
  'тул',
  'калининград',
  'калуг',
  'твер',
  'курск',
  'брянск',
  'белгород',
  'сочи',
  'мурманск',
  'архангельск',
  'сургут',
];
const placeAfterPreposition =
  /(?:^|[\s,(])(?:в|во|на|до|из|near|in|to|from)\s+([A-ZА-ЯЁ][a-zа-яё]+(?:[- ][A-ZА-ЯЁ]?[a-zа-яё]+)?)/gu;
const notPlaces = new Set([
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'Telegram',
  'WhatsApp',
  'Excel',
]);
const legalAfter = /^\s*(?:[A-Z][\p{L}]*\s+){0,3}(?:LLC|Ltd|GmbH|Inc|FZE|EOOD|AB|PLC)/u;

export function hasDelivery(text: string, original: string, tokens: readonly Token[]): boolean {
  if (any(text, deliveryPatterns)) return true;
  if (
    tokens.some(
      (t) =>
        !t.hasDigit && cityStems.some((c) => t.norm.startsWith(c) && t.norm.length - c.length <= 3),
    )
  )
    return true;
  for (const match of original.matchAll(placeAfterPreposition)) {
    const place = match[1]!;
    const isSentenceCase =
      /^[A-ZА-ЯЁ][a-zа-яё]/.test(place) && !notPlaces.has(place.split(/[- ]/)[0]!);
    if (
      isSentenceCase &&
      !legalAfter.test(original.slice(match.index + match[0].length - place.length))
    )
      return true;
  }
  return false;
}

const requisitesPatterns = [
  rx(
    `${B}(?:инн|кпп|огрн|огрнип|бик|окпо|р/с|к/с|расч\\p{L}* сч\\p{L}*)(?:\\s+\\p{L}+){0,2}\\s*:?\\s*\\d{9,20}${E}`,
  ),
  rx(
    `${B}(?:vat(?:\\s?(?:id|no\\.?|number|reg\\p{L}*))?|ust-idnr|company (?:no\\.?|number|reg\\p{L}*)|org\\.?\\s?no\\.?|registration (?:no\\.?|number)|ein|tax id|trn)\\s*:?\\s*[a-z]{0,2}\\s?\\d[\\d-]{5,}`,
  ),
];
export const hasRequisites = (text: string): boolean => any(text, requisitesPatterns);

const legalForms = [
  /(?<![\p{L}])(?:ООО|ОАО|ЗАО|ПАО|АО|ИП|НКО|ГУП|МУП|ФГУП)(?![\p{L}])/u,
  /(?<![\p{L}])(?:LLC|Ltd\.?|Limited|GmbH|Inc\.?|FZE|FZCO|EOOD|OOD|AB|LLP|PLC|Corp\.?|UAB|SIA)(?![\p{L}])/u,
];
export const hasLegalEntity = (original: string): boolean => any(original, legalForms);

const orderIntentPatterns = [
  rx(
    `${B}(?:выстав\\p{L}*|нужен|нужна|прошу|просим|пришлите|направьте)\\s+(?:\\p{L}+\\s+)?сч[её]т${E}`,
  ),
  rx(
    `${B}(?:сч[её]т на (?:оплату|ооо|ип|ао|пао)|проформ\\p{L}*|оформить заказ|оформ\\p{L}+ заказ|кп на|коммерческ\\p{L}+ предложени\\p{L}+ на|безнал\\p{L}*|договор\\p{L}*|участи\\p{L}* в закупк\\p{L}*|тендер\\p{L}*|подтверждаем|оплат\\p{L}* (?:по сч\\p{L}*|безнал\\p{L}*|по факту|этапами))${E}`,
  ),
  rx(
    `${B}(?:хо(?:чу|тим|тели бы)|готовы)\\s+(?:у вас\\s+)?(?:заказать|купить|приобрести|оформить|закупить|оплатить)${E}`,
  ),
  rx(
    `${B}(?:invoice|proforma|purchase order|po|please quote|pls quote|quote for|quote on|quotation|we confirm|place an order|rfq|tender|bank transfer|payment on delivery|contract)${E}`,
  ),
  rx(`${B}(?:want|would like|wish|ready) to (?:order|buy|purchase)${E}`),
];
export const hasOrderIntent = (text: string): boolean => any(text, orderIntentPatterns);

const pricePatterns = [
  rx(
    `${B}(?:сколько\\s+(?:\\p{L}+\\s+)?(?:стои\\p{L}*|будет|выйдет|обойд\\p{L}*)|почем|цен[аыуе]?|ценам|ценами|стоимост\\p{L}*|прайс\\p{L}*|расценк\\p{L}*|подешевле|дешевле|скидк\\p{L}*|сколько стоит)${E}`,
  ),
  rx(`${B}(?:how much|price\\p{L}*|pricing|pricelist|costs?|quote|discounts?|cheaper|rates)${E}`),
];
export const asksPrice = (text: string): boolean => any(text, pricePatterns);

// Attachment names that carry a specification, a drawing or an estimate — or the company's requisites.
const specFile =
  /(?:спецификац|смет|(?<![\p{L}])тз(?![\p{L}])|техзадан|техническ|проект|черт[её]ж|план|схем|эскиз|замер|расч[её]т|перечень|список|ведомост|заявк|spec|boq|bill.of.quant|drawing|layout|plan|schedule|sketch|rfq|rfp|(?<![\p{L}])ts(?![\p{L}])|tender|calc|measure|bom)/iu;
const spreadsheet = /\.(?:xlsx?|csv|ods|dwg|dxf)$/i;
const requisitesFile = /(?:карточк|реквизит|company.?(?:card|details)|details)/iu;
export type AttachmentKind = 'spec' | 'requisites' | 'other';
export function classifyAttachment(name: string, type: string): AttachmentKind {
  if (requisitesFile.test(name)) return 'requisites';
  if (specFile.test(name) || spreadsheet.test(name) || /spreadsheet|excel|dwg/i.test(type))
    return 'spec';
  return 'other';
}

// Someone selling to us, looking for a job or doing a survey: not a buyer, whatever figures it quotes.
const notBuyerPatterns = [
  rx(
    `${B}(?:мы\\s*[—–-]?\\s*(?:\\p{L}+[\\s-]){0,2}(?:завод\\p{L}*|производител\\p{L}*|дистрибьютор\\p{L}*|поставщик\\p{L}*|дилер\\p{L}*|агентств\\p{L}*)|предлагаем|предлага(?:ет|ют|л|ла)|готовы поставлять|выведем|продвин\\p{L}*|продвижени\\p{L}* сайт\\p{L}*|seo|приглашаем (?:вас )?(?:(?:принять участие|к участию) (?:в|на) (?:выставк|форум|конференц|ярмарк|семинар|вебинар)\\p{L}*|на (?:выставк|форум|конференц|семинар|вебинар)\\p{L}*|разместить)|(?:увелич|сниз|сократ|подним)\\p{L}* ваш\\p{L}*|ищу работу|резюме|вакансии|соискател\\p{L}*|(?:пишу|пишем) (?:диплом|курсов\\p{L}*|статью)|анкет\\p{L}*)${E}`,
  ),
  rx(
    `${B}(?:we are an? (?:[\\p{L}-]+ ){0,3}(?:manufacturer|supplier|distributor|agency|producer|factory|dealer)|we offer|we can (?:supply|bring|provide|offer|help you)|(?:we are|we're) an? (?:[\\p{L}-]+ ){0,2}(?:startup|agency|company) (?:that|which|helping)|(?:can|will) (?:cut|reduce|increase|boost|grow|double) your|boost your|book a demo|invite you to (?:exhibit|take part|join)|looking for a job|job as|cv attached|resume|seo|first page of google|(?:writing|write) (?:my|a|our) (?:thesis|dissertation|paper)|survey|questionnaire)${E}`,
  ),
];
export const isNotBuyer = (text: string): boolean => any(text, notBuyerPatterns);

// A reference to an order already placed or delivered: a follow-up, a repeat, a replacement.
const existingOrderPatterns = [
  rx(
    `${B}(?:заказ\\p{L}*|сч[её]т\\p{L}*|договор\\p{L}*|order|invoice|contract|po)\\s*(?:№|#|n|no\\.?|number)\\s*\\d+`,
  ),
  rx(
    `${B}(?:(?:прошл|предыдущ|последн)\\p{L}* заказ\\p{L}*|повтор\\p{L}* заказ\\p{L}*|как в прошлый раз|(?:которы\\p{L}*|что) вы (?:поставил|привезл|продал|установил|смонтировал)\\p{L}*)${E}`,
  ),
  rx(
    `${B}(?:(?:last|previous|recent) order|repeat (?:our|the|my) (?:last |previous )?order|same as last time|you (?:supplied|delivered|sold|installed)|reorder)${E}`,
  ),
];
export const mentionsExistingOrder = (text: string): boolean => any(text, existingOrderPatterns);
