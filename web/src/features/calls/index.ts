export { CallButton, ContactCallButton } from './CallButton';
export { ExtensionCard } from './ExtensionCard';
export { CallListsPage } from './CallListsPage';
export { CallModePage } from './CallModePage';
export { CallJournalPage } from './CallJournalPage';
