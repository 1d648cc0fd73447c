// The forms feature as other features see it: import from here, never from its files.
export { useForms } from './use-forms';
