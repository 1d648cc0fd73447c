// The crm module's public surface: the client base and the pipeline.
export { listPipelines, getPipeline, createPipeline, updatePipeline, deletePipeline, replaceStages, listLostReasons, createLostReason, updateLostReason, ensurePipelineDefaults } from './pipelines.js';
export { listDeals, createDeal, updateDeal, deleteDeal } from './deals.js';
export { getDeal } from './deal-queries.js';
export { moveDeal } from './move-deal.js';
export { getBoard, listBoardColumn } from './board.js';
export { listTasks, getTask, createTask, updateTask, completeTask, deleteTask } from './tasks.js';
export { listTimeline, logActivity, writeActivity, type NewActivity } from './timeline.js';
export { listCompanies, getCompany, createCompany, updateCompany, deleteCompany } from './companies.js';
export { listContacts, getContact, createContact, updateContact, deleteContact, composeFullName } from './contacts.js';
export { listDuplicates } from './duplicates.js';
export { mergeContacts, mergeCompanies, setLeadRelinker, type LeadRelinker } from './merge.js';
export { requisiteProblems, assertRequisites } from './requisites.js';
export { searchCompanies, searchContacts, searchDeals } from './search.js';
export { exportRecords, toCells, toVCards, contactVCard, primed, companyColumns as companyExportColumns, contactColumns as contactExportColumns, dealColumns as dealExportColumns, leadColumns as leadExportColumns, type ExportEntity, type ExportColumn, type InWorkspace } from './export.js';
export { uploadImport, startImport, getImport, importErrors } from './import.js';
