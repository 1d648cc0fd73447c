// What a request asks for, beyond the catalog: the thing named after a word of need ("нужна
// спецодежда", "интересует поликарбонат", "we need someone to fix the heating", "quote for 20
// monitors"), read on Snowball stems so any inflection counts; and a polite request for general
// information or cooperation that names nothing ("пришлите информацию о компании", "tell us what
// you can offer").
import type { Token } from './words.js';
import { B, E, rx, any } from './text-patterns.js';

// Words that open a need: "нужен/нужна/нужно/нужны", "требуется", "интересует", "ищем", "хотим
// заказать", "прошу рассчитать", "сколько стоит", "почём"; "need", "looking for", "quote for".
const triggers =
  /^(?:нуж(?:ен|на|но|ны|ен[аоы]?)|надо|требу\p{L}*|интерес\p{L}*|ищ(?:у|ем|ете)|хо(?:чу|тим|тели|тят|чет)|заказ(?:ать|ываем|ем|ал)|закаж\p{L}*|куп(?:ить|им|лю)|приобрес\p{L}*|рассчит\p{L}*|посчит\p{L}*|расч[её]т|просчит\p{L}*|сколько|почем|стоимост\p{L}*|кп|сч[её]т|need(?:s|ed)?|require[sd]?|looking|after|want(?:ed)?|quote|quotation|price|cost|hire|rent|supply|pour|install|fix|replace)$/u;
// Words skipped between the trigger and the thing: pronouns, prepositions, articles, helpers, action
// verbs and action nouns ("нужна замена стояков" names "стояков"), numbers and units.
const skipped =
  /^(?:бы|мне|нам|нас|вас|вам|у|в|во|на|по|под|для|о|об|с|со|к|ко|от|из|за|и|а|же|ли|ещ[её]|так|это|эт\p{L}*|как\p{L}*|котор\p{L}*|наш\p{L}*|ваш\p{L}*|сво\p{L}*|вс\p{L}*|пожалуйста|будет|буд\p{L}*|стоит|стоят|стоить|обойд\p{L}*|выйд\p{L}*|примерно|около|срочно|ещ|бы|уже|очень|также|сделать|поставить|установить|заменить|поменять|перекрыть|провести|смонтировать|починить|отремонтировать|вывезти|перевезти|покрасить|утеплить|перенести|залить|уложить|положить|купить|заказать|приобрести|подобрать|выставить|сделать|арендовать|взять|снять|рассчитать|посчитать|замен\p{L}*|установк\p{L}*|монтаж\p{L}*|укладк\p{L}*|поставк\p{L}*|ремонт\p{L}*|аренд\p{L}*|покраск\p{L}*|утеплени\p{L}*|устройств\p{L}*|изготовлени\p{L}*|доставк\p{L}*|перевозк\p{L}*|вывоз\p{L}*|разн\p{L}*|различн\p{L}*|люб\p{L}*|всяк\p{L}*|друг\p{L}*|прочи\p{L}*|a|an|the|some|any|various|different|other|several|many|all|general|to|us|me|you|your|our|my|it|of|for|on|in|with|and|someone|somebody|please|pls|be|able|get|have|buy|order|supply|install|installing|installation|fix|fixing|repair|repairing|replace|replacing|replacement|lay|laying|pour|pouring|hire|rent|rental|renting|deliver|delivery|supply|supplying|fitting|fit|build|building|new|about|around|approx|roughly|x|х|м²|m²|м³|m³|шт|штук\p{L}*|pcs|m|m2|м|м2|кв|квадрат\p{L}*|тонн?\p{L}*|мешк\p{L}*|мешок|листов|лист\p{L}*|куб\p{L}*|метр\p{L}*|bags?|sheets?|pallets?|units?|tonnes?|tons?|pieces?|boxes|rolls?)$/u;
// What a request may name without naming a need: general words, categories, and the request itself.
const generic =
  /^(?:информаци\p{L}*|консультаци\p{L}*|помощ\p{L}*|помочь|совет\p{L}*|сотрудничеств\p{L}*|партн[её]р\p{L}*|предложени\p{L}*|кп|прайс\p{L}*|каталог\p{L}*|презентаци\p{L}*|цен\p{L}*|стоимост\p{L}*|скидк\p{L}*|услов\p{L}*|товар\p{L}*|продукци\p{L}*|продукт\p{L}*|оборудовани\p{L}*|материал\p{L}*|стройматериал\p{L}*|техник\p{L}*|мебел\p{L}*|услуг\p{L}*|работ\p{L}*|вариант\p{L}*|что|что-нибудь|что-то|чем|ч[её]м|кто|где|когда|сколько|как|какой|какая|какие|какое|подрядчик\p{L}*|поставщик\p{L}*|специалист\p{L}*|менеджер\p{L}*|связ\p{L}*|звон\p{L}*|перезвон\p{L}*|ответ\p{L}*|узнать|уточнить|обсудить|спросить|знать|получить|подробн\p{L}*|ассортимент\p{L}*|документ\p{L}*|заключени\p{L}*|врем\p{L}*|list|time|направлени\p{L}*|сроки|срок|гаранти\p{L}*|оплат\p{L}*|рассрочк\p{L}*|ремонт|монтаж|установк\p{L}*|заказ|покупк\p{L}*|information|info|consultation|advice|help|partner\p{L}*|cooperation|collaboration|offer|proposal|prices?|pricing|costs?|catalog(?:ue)?|brochure|presentation|profile|terms|discounts?|products?|goods|equipment|materials|supplies|furniture|services?|work|things|something|anything|stuff|what|which|how|where|when|who|contractor|supplier|specialist|call|details|more|overview|range|options|warranty|payment|lead|times|quote|quotation|order|orders|purchase)$/u;

// Counted things that are not what a request buys: "200 сотрудников", "15 лет", "5 countries".
const notThings =
  /^(?:сотрудник\p{L}*|человек|чел|лет|год\p{L}*|дн(?:ей|я)|день|недел\p{L}*|месяц\p{L}*|этаж\p{L}*|процент\p{L}*|раз|минут\p{L}*|час\p{L}*|стран\p{L}*|компани\p{L}*|employees|people|staff|years?|days?|weeks?|months?|floors?|storeys?|percent|times|countries|minutes|hours|companies|offices?|офис\p{L}*|помещени\p{L}*|premises|понедельник\p{L}*|вторник\p{L}*|сред[уаы]|четверг\p{L}*|пятниц\p{L}*|суббот\p{L}*|воскресень\p{L}*|январ\p{L}*|феврал\p{L}*|март\p{L}*|апрел\p{L}*|ма[йяе]|июн\p{L}*|июл\p{L}*|август\p{L}*|сентябр\p{L}*|октябр\p{L}*|ноябр\p{L}*|декабр\p{L}*|числа|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)$/u;
// Verbs are not things: "хотим заказать, свяжитесь", "wants to place an order, asked for a call".
const verb =
  /(?:ть|ться|тесь|ите|ете|ются|ется|ала|али|ила|ишь|ешь)$|^(?:asked|ask|call|contact|send|get|back|discuss|regularly|from|place|know|see|talk|speak|hear)$/u;

// A capitalised word after "в", "до", "to", "in" is a place, not a thing: "доставка в Казань".
const placePreposition = /^(?:в|во|до|из|под|in|to|near|from)$/u;
const isPlace = (tokens: readonly Token[], i: number): boolean =>
  /^\p{Lu}\p{Ll}/u.test(tokens[i]!.raw) && placePreposition.test(tokens[i - 1]?.norm ?? '');

function namesAfterTrigger(tokens: readonly Token[], from: number): boolean {
  for (let i = from + 1, seen = 0; i < tokens.length && seen < 5; i++) {
    const t = tokens[i]!;
    if (t.hasDigit || skipped.test(t.norm) || isPlace(tokens, i)) continue;
    seen++;
    if (t.norm.length < 3) continue;
    return !generic.test(t.norm) && !notThings.test(t.norm) && !verb.test(t.norm);
  }
  return false;
}

// A number before a counted thing names it too: "40 офисных кресел", "10 bags of plaster".
function namesAfterNumber(tokens: readonly Token[], from: number): boolean {
  for (let i = from + 1; i < tokens.length && i <= from + 4; i++) {
    const t = tokens[i]!;
    if (t.hasDigit || skipped.test(t.norm) || t.norm.length <= 3) continue; // units: "кВт", "mm"
    return (
      t.norm.length >= 3 && !generic.test(t.norm) && !notThings.test(t.norm) && !verb.test(t.norm)
    );
  }
  return false;
}

// The thing a request needs, named in words (a catalog product is found separately).
export function namesNeed(tokens: readonly Token[]): boolean {
  return tokens.some(
    (t, i) =>
      (!t.hasDigit && triggers.test(t.norm) && namesAfterTrigger(tokens, i)) ||
      (/^\d{1,5}$/.test(t.raw) && namesAfterNumber(tokens, i)),
  );
}

const generalInfoPatterns = [
  rx(
    `${B}(?:(?:информаци\\p{L}*|сведени\\p{L}*|презентаци\\p{L}*|рассказ\\p{L}*|узнать (?:больше|подробнее)|подробнее)\\s+(?:о|об|про)\\s+(?:вас|себе|ваш\\p{L}*|компани\\p{L}*|организаци\\p{L}*|услуг\\p{L}*|продукци\\p{L}*|возможност\\p{L}*|опыт\\p{L}*)|(?:любую|общую|имеющуюся) информаци\\p{L}*|презентаци\\p{L}* компани\\p{L}*|(?:перечень|список) (?:услуг|продукции|работ)|каталог продукции|ч(?:ем|то) (?:вы )?(?:можете|могли бы) (?:быть )?(?:полезн\\p{L}*|предложить)|что (?:у вас )?(?:есть|можете предложить|посоветуете)|какие (?:виды|направления|варианты|услуги)|условия(?:х)? (?:сотрудничества|работы|оплаты)|сотрудничеств\\p{L}*|партн[её]рств\\p{L}*|познакоми\\p{L}*|рассматриваем (?:новых )?поставщик\\p{L}*|с ч(?:его|ем) начать|работаете ли|минимальн\\p{L}* (?:заказ\\p{L}*|парти\\p{L}*|объ[её]м\\p{L}*)|ваш(?:ем|его)? ассортимент\\p{L}*|какой (?:у вас )?ассортимент)${E}`,
  ),
  rx(
    `${B}(?:(?:general|more|some|any) information|learn (?:more )?about|more about (?:your|you)|company profile|(?:your|a|the) catalog(?:ue)?|what (?:do|can|could) you (?:offer|do|carry|have)|what you (?:can )?offer|what kind of|what brands|overview of your|business relationship|partnership|potential (?:partners|suppliers)|your capabilities|get acquainted|tell us about|information about|information regarding|what you do|do you work with|minimum order)${E}`,
  ),
];
export const asksGeneralInfo = (text: string): boolean => any(text, generalInfoPatterns);
