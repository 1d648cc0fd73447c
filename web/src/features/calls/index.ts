export { CallButton, ContactCallButton } from './CallButton';
export { ExtensionCard } from './ExtensionCard';
