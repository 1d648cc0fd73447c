// The inbox module's public surface: one inbox for every channel. Channels (src/channels/*) parse
// and verify what providers send, then call acceptInbound; they register a Sender to reply.
export { acceptInbound, type InboundItem, type Accepted } from './accept.js';
export {
  findChannelByKey,
  findWorkspaceChannel,
  channelEnabledSql,
  openChannelSecrets,
  sealChannelSecrets,
  type ChannelRow,
} from './channel-keys.js';
export {
  findChannelsBySetting,
  findChannelByIntakeAddress,
  listChannelsWithSetting,
  claimChannelPoll,
  releaseChannelPoll,
  saveChannelCursor,
  findThreadKey,
  findThread,
} from './intake-lookups.js';
export {
  queueReply,
  inboxSend,
  sendThroughChannel,
  MAX_SEND_ATTEMPTS,
  SENDING_KINDS,
  type Sender,
  type OpenChannel,
  type OutboundMessage,
  type ChannelLetter,
  type ConversationRow,
  type ReplyInput,
} from './send.js';
export {
  publish,
  subscribe,
  useInboxRuntime,
  type InboxEvent,
  type InboxRuntime,
} from './runtime.js';
export {
  listChannels,
  createChannel,
  updateChannel,
  deleteChannel,
  webhookUrls,
  type ChannelDeps,
} from './channels.js';
export { sanitiseHtml, safeFileName, safeType, MAX_FILE_BYTES } from './content.js';
export type {
  ChannelKind,
  Attachment,
  MessageSender,
  MessageStatus,
  MessageDelivery,
} from './tables.js';
export { inboundAttachments } from './lead-links.js';
export { linkConversationsOfLead, messageEntries } from './record-links.js';
export { latestMessengerThread, messageClient, conversationOfLead } from './client-threads.js';
export {
  seedDemoChannel,
  seedConversations,
  seedMessages,
  type SeedChannel,
  type SeedConversation,
  type SeedMessage,
  type SeedConversationRead,
} from './seed.js';
