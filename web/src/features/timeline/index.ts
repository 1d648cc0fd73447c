// The timeline feature as other features see it: import from here, never from its files.
export { Timeline } from './Timeline';
