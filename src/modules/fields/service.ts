// The fields module's public surface: custom fields (definitions, values, list filters) and saved
// views.
export {
  listCustomFields,
  getCustomField,
  createCustomField,
  updateCustomField,
  deleteCustomField,
  validateCustom,
  customFilter,
  assertOnlyCustomExtras,
} from './custom-fields.js';
export { listViews, createView, deleteView } from './saved-views.js';
