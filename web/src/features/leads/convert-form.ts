import type { Lead, LeadConvertBody } from '@voronka/contract';
import type { TFunction } from 'i18next';
import type { Checked, FieldErrors } from '../../lib/form-errors';
import { parseMoney, proposeDealTitle, splitName } from './lead-format';

export type Mode = 'existing' | 'create' | 'none';

// The convert dialog's values: the contact and the company each linked, created or (the company)
// left out, and the deal to open.
export function convertValues(lead: Lead) {
  const name = splitName(lead.contactName);
  return {
    contactMode: (lead.contact ? 'existing' : 'create') as Mode,
    contactId: (lead.contact?.id ?? null) as string | null,
    firstName: name.firstName,
    lastName: name.lastName,
    companyMode: (lead.company ? 'existing' : lead.companyName ? 'create' : 'none') as Mode,
    companyId: (lead.company?.id ?? null) as string | null,
    companyName: lead.companyName ?? '',
    withDeal: true,
    dealTitle: proposeDealTitle(lead),
    amount: '',
  };
}
export type ConvertValues = ReturnType<typeof convertValues>;

// The values as the convert request, or what is missing (a choice, a name, a readable amount).
export function checkConvert(v: ConvertValues, t: TFunction): Checked<LeadConvertBody> {
  const errs: FieldErrors = {};
  if (v.contactMode === 'existing' && !v.contactId)
    errs.contactId = t('leads.convertDialog.pickContact');
  if (v.contactMode === 'create' && !v.firstName.trim() && !v.lastName.trim())
    errs.firstName = t('leads.convertDialog.nameRequired');
  if (v.companyMode === 'existing' && !v.companyId)
    errs.companyId = t('leads.convertDialog.pickCompany');
  if (v.companyMode === 'create' && !v.companyName.trim())
    errs.companyName = t('leads.convertDialog.companyRequired');
  const kopecks = v.amount.trim() ? parseMoney(v.amount) : 0;
  if (v.withDeal && kopecks === null) errs.amount = t('leads.convertDialog.badAmount');
  if (v.withDeal && !v.dealTitle.trim())
    errs.dealTitle = t('leads.convertDialog.dealTitleRequired');
  if (Object.keys(errs).length) return { ok: false, errors: errs };
  const company =
    v.companyMode === 'existing'
      ? { existingId: v.companyId! }
      : v.companyMode === 'create'
        ? { create: { name: v.companyName.trim() } }
        : null;
  return {
    ok: true,
    data: {
      contact:
        v.contactMode === 'existing'
          ? { existingId: v.contactId! }
          : {
              create: {
                firstName: v.firstName.trim() || null,
                lastName: v.lastName.trim() || null,
              },
            },
      company,
      deal: v.withDeal
        ? { create: { title: v.dealTitle.trim(), amount: kopecks ?? 0, currency: 'RUB' } }
        : null,
    },
  };
}
