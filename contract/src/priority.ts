// The warm-first priority's feature codes, one list for the server's score and the web's words:
// what the request's text says, what is known of the client, and the channel it came by.
export const priorityTextFeatures = [
  'product',
  'named_need',
  'specification',
  'quantity',
  'budget',
  'deadline',
  'delivery',
  'requisites',
  'legal_entity',
  'order_intent',
  'existing_order',
  'attachment_spec',
  'attachment',
  'calculator',
  'price_only',
  'no_subject',
  'category_only',
  'general_info',
  'not_a_buyer',
] as const;
export const priorityClientFeatures = ['known_client', 'open_deal', 'past_purchases'] as const;
export const priorityChannelKinds = [
  'web',
  'email',
  'telegram',
  'vk',
  'whatsapp',
  'phone',
  'booking',
] as const;
export type PriorityChannelKind = (typeof priorityChannelKinds)[number];
export type PriorityFeatureCode =
  | (typeof priorityTextFeatures)[number]
  | (typeof priorityClientFeatures)[number]
  | `channel_${PriorityChannelKind}`;
// In the order they read best (text, client, channel).
export const priorityFeatureCodes: readonly PriorityFeatureCode[] = [
  ...priorityTextFeatures,
  ...priorityClientFeatures,
  ...priorityChannelKinds.map((k) => `channel_${k}` as const),
];
