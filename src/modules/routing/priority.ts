import {
  priorityChannelKinds,
  priorityClientFeatures,
  priorityFeatureCodes,
  priorityTextFeatures,
  type PriorityFeatureCode,
} from '@voronka/contract';
// Warm-first priority: what a request says and who sent it, as binary features, combined by weights
// that are data (DEFAULT_WEIGHTS here; a workspace's own weights re-fitted from its outcomes by
// fitWeights) through a logistic function into a 0–100 score with the reasons behind it.
import {
  asksPrice,
  classifyAttachment,
  hasBudget,
  hasDeadline,
  hasDelivery,
  hasLegalEntity,
  hasOrderIntent,
  hasQuantity,
  hasRequisites,
  hasSpecification,
  isNotBuyer,
  mentionsExistingOrder,
} from './priority-text.js';
import { asksGeneralInfo, namesNeed } from './priority-need.js';
import {
  findCatalogProducts,
  normalizeText,
  prepareCatalog,
  tokenize,
  type CatalogEntry,
} from './words.js';

export const textFeatures = priorityTextFeatures;
export const clientFeatures = priorityClientFeatures;
export const channelKinds = priorityChannelKinds;
export type ChannelKind = (typeof channelKinds)[number];
// A request's channel as a priority feature: the client-facing ones only (manual, import: none).
export const channelOf = (channel: string): ChannelKind | null =>
  (channelKinds as readonly string[]).includes(channel) ? (channel as ChannelKind) : null;
export type FeatureCode = PriorityFeatureCode;
export const featureCodes: readonly FeatureCode[] = priorityFeatureCodes;

export type PriorityInput = {
  subject?: string | null;
  text?: string | null;
  channel?: ChannelKind | null;
  client?: { isKnownClient?: boolean; hasOpenDeal?: boolean; pastPurchases?: number } | null;
  attachments?: readonly { name: string; type: string }[] | null;
  catalog?: readonly string[] | CatalogEntry[] | null; // the workspace's product and service names
  hasCalculatorResult?: boolean;
};

// JSON-able: stored per workspace, shown to admins, re-fitted by a job.
export type PriorityWeights = {
  version: number;
  bias: number;
  features: Partial<Record<string, number>>;
};
export type PriorityReason = { code: FeatureCode; weight: number; sign: '+' | '-' };
export type PriorityScore = { score: number; reasons: PriorityReason[] };

// Set by hand from the domain (a specific product with quantity and place is a buyer; a bare price
// question or a category alone is a shopper), then checked against eval/priority (npm run
// eval:priority). Version 2 (issue 22): named_need, category_only, general_info; booking +1.5.
export const DEFAULT_WEIGHTS: PriorityWeights = {
  version: 2,
  bias: -0.4,
  features: {
    product: 1.1,
    named_need: 0.9,
    specification: 1.0,
    quantity: 1.3,
    budget: 0.7,
    deadline: 0.6,
    delivery: 0.6,
    requisites: 0.8,
    legal_entity: 0.3,
    order_intent: 0.4,
    existing_order: 1.5,
    attachment_spec: 1.0,
    attachment: 0.3,
    calculator: 1.2,
    price_only: -1.6,
    no_subject: -1.2,
    category_only: -1.5,
    general_info: -1.5,
    not_a_buyer: -5,
    known_client: 0.6,
    open_deal: 0.8,
    past_purchases: 0.9,
    channel_phone: 0.3,
    channel_web: 0,
    channel_email: 0,
    channel_telegram: 0,
    channel_vk: 0,
    channel_whatsapp: 0,
    // A visitor who picked a time to meet has taken the next step themselves: warm whatever the
    // (often empty) answers say.
    channel_booking: 1.5,
  },
};

// Contact details are not requisites or specifications: "+7 912 345-67-89" is not a part number.
const contactDetails =
  /(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|(?:\+\d{1,3}[\s(-]*|(?<!\d)8[\s(-]+)\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2})/g;

const catalogCache = new WeakMap<readonly string[], CatalogEntry[]>();
function catalogOf(input: PriorityInput): CatalogEntry[] {
  const catalog = input.catalog;
  if (!catalog || catalog.length === 0) return [];
  if (typeof catalog[0] !== 'string') return catalog as CatalogEntry[];
  const names = catalog as readonly string[];
  let prepared = catalogCache.get(names);
  if (!prepared) catalogCache.set(names, (prepared = prepareCatalog(names)));
  return prepared;
}

export function extractFeatures(input: PriorityInput): FeatureCode[] {
  const original = [input.subject, input.text]
    .filter(Boolean)
    .join('\n')
    .replace(contactDetails, ' ');
  const text = normalizeText(original);
  const tokens = tokenize(original);
  const catalog = catalogOf(input);
  const on = new Set<FeatureCode>();
  const set = (code: FeatureCode, value: boolean | undefined) => value && on.add(code);

  set('product', findCatalogProducts(tokens, catalog).length > 0);
  set('named_need', !on.has('product') && namesNeed(tokens));
  set('specification', hasSpecification(text, original, tokens));
  const isPriceQuestion = asksPrice(text);
  set(
    'quantity',
    hasQuantity(
      text,
      tokens,
      catalog.flatMap((c) => c.required),
      isPriceQuestion,
    ),
  );
  set('budget', hasBudget(text));
  set('deadline', hasDeadline(text));
  set('delivery', hasDelivery(text, original, tokens));
  set('requisites', hasRequisites(text));
  set('legal_entity', hasLegalEntity(original));
  set('order_intent', hasOrderIntent(text));
  set('existing_order', mentionsExistingOrder(text));
  set('not_a_buyer', isNotBuyer(text));
  set('calculator', input.hasCalculatorResult);
  for (const file of input.attachments ?? []) {
    const kind = classifyAttachment(file.name, file.type);
    on.add(
      kind === 'spec' ? 'attachment_spec' : kind === 'requisites' ? 'requisites' : 'attachment',
    );
  }
  set('general_info', asksGeneralInfo(text));
  // A subject is what the request is about; specifics are what make it actionable. A subject with
  // no specifics is a category ("Почём профнастил?", "Do you sell laptops?").
  const subjects: FeatureCode[] = [
    'product',
    'named_need',
    'specification',
    'attachment_spec',
    'calculator',
    'existing_order',
  ];
  const specifics: FeatureCode[] = [
    'specification',
    'quantity',
    'budget',
    'deadline',
    'delivery',
    'attachment_spec',
    'calculator',
    'existing_order',
  ];
  // A booking is its own subject and specifics (a meeting of a chosen kind at a chosen time): the
  // channel's own weight says it, whatever the often empty answers say.
  if (input.channel !== 'booking') {
    if (!subjects.some((c) => on.has(c))) on.add(isPriceQuestion ? 'price_only' : 'no_subject');
    else if (!specifics.some((c) => on.has(c))) on.add('category_only');
  }

  set('known_client', input.client?.isKnownClient);
  set('open_deal', input.client?.hasOpenDeal);
  set('past_purchases', (input.client?.pastPurchases ?? 0) > 0);
  if (input.channel) on.add(`channel_${input.channel}`);
  return featureCodes.filter((code) => on.has(code));
}

const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

// The probability-like score before rounding; the evaluation ranks by it.
export function scoreFeatures(
  features: readonly string[],
  weights: PriorityWeights,
): PriorityScore & { probability: number } {
  const reasons: PriorityReason[] = [];
  let z = weights.bias;
  for (const code of features) {
    const weight = weights.features[code] ?? 0;
    if (weight === 0) continue;
    z += weight;
    reasons.push({ code: code as FeatureCode, weight, sign: weight > 0 ? '+' : '-' });
  }
  reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.code.localeCompare(b.code));
  const probability = logistic(z);
  return { score: Math.round(100 * probability), reasons, probability };
}

export function scoreRequest(
  input: PriorityInput,
  weights: PriorityWeights = DEFAULT_WEIGHTS,
): PriorityScore {
  const { score, reasons } = scoreFeatures(extractFeatures(input), weights);
  return { score, reasons };
}
