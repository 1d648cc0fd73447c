// The custom-fields feature as other features see it: import from here, never from its files.
export { CustomFieldInputs, CustomFieldValues } from './CustomFieldInputs';
export type { CustomValues } from './CustomFieldInputs';
export { formatCustomValue } from './custom-value-format';
export { keyFromLabel, useCustomFields } from './use-custom-fields';
