// The export feature as other features see it: import from here, never from its files.
export { ExportButtons } from './ExportButtons';
