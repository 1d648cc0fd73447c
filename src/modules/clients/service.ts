// The clients module's public surface: companies, contacts and their contact points, requisites,
// duplicates, merge and vCard. Declares their import and export (transfer.ts).
import './owned.js';
import './transfer.js';
export { toE164, normalizePhone, defaultPhoneRegion } from './phones.js';
export {
  findContactByPoint,
  contactByPoints,
  recordNames,
  type ContactMatch,
  type ContactPoint,
} from './contact-lookup.js';
export { searchCompanies, searchContacts } from './search.js';
export {
  listCompanies,
  getCompany,
  createCompany,
  updateCompany,
  deleteCompany,
} from './companies.js';
export {
  listContacts,
  countContacts,
  contactsForMailing,
  consentGivenSql,
  getContact,
  createContact,
  updateContact,
  deleteContact,
  composeFullName,
  recordContactConsent,
} from './contacts.js';
export { onCardRead, cardRead, type CardRead } from './card-reads.js';
export { onConsentChanged, consentChanged, type ConsentChange } from './consent-changes.js';
export { listDuplicates } from './duplicates.js';
export { mergeContacts, mergeCompanies } from './merge.js';
export { setLeadsPort, type LeadsPort } from './leads-port.js';
export { addClientLinks, type ClientLinks, type MergedRecord } from './client-links.js';
export {
  assertCompany,
  assertContacts,
  companyOfContact,
  contactIdsOfCompanySql,
  companyEmails,
} from './owned.js';
export { requisiteProblems, assertRequisites } from './requisites.js';
export { toVCards, contactVCard } from './vcard.js';
export {
  companyColumns as companyExportColumns,
  contactColumns as contactExportColumns,
} from './transfer.js';
export { withAccountKey, withInnCheck, withOgrnCheck } from './requisites.js';
export {
  seedClients,
  hasCompanyWithInn,
  type SeedCompany,
  type SeedContact,
  type SeedContactPoint,
} from './seed.js';
