// The crm module's public surface: the client base and the pipeline.
export { listCompanies, getCompany, createCompany, updateCompany, deleteCompany } from './companies.js';
export { listContacts, getContact, createContact, updateContact, deleteContact, composeFullName } from './contacts.js';
export { listDuplicates } from './duplicates.js';
export { mergeContacts, mergeCompanies, setLeadRelinker, type LeadRelinker } from './merge.js';
export { requisiteProblems, assertRequisites } from './requisites.js';
