// The import feature as other features see it: import from here, never from its files.
export { ImportButton } from './ImportDialog';
