// What other features use: the inbox's quick replies.
export { useQuickReplies } from './use-quick-replies';
export { QuickReplyList } from './QuickReplyList';
