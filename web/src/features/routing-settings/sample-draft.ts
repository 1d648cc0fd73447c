import type { LeadChannel, SampleRequest } from '@voronka/contract';

// The dry-run form as typed; empty fields are left out of the request.
export type SampleDraft = {
  channel: LeadChannel;
  formId: string | null;
  source: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  subject: string;
  text: string;
  phone: string;
  email: string;
  tags: string[];
  // <input type="datetime-local"> value, in the browser's zone; empty = now.
  at: string;
};

export const emptySample: SampleDraft = {
  channel: 'web',
  formId: null,
  source: '',
  utmSource: '',
  utmMedium: '',
  utmCampaign: '',
  subject: '',
  text: '',
  phone: '',
  email: '',
  tags: [],
  at: '',
};

export function sampleFromDraft(d: SampleDraft): SampleRequest {
  const s: SampleRequest = { channel: d.channel };
  if (d.formId) s.formId = d.formId;
  const text = {
    source: d.source,
    subject: d.subject,
    text: d.text,
    phone: d.phone,
    email: d.email,
  } as const;
  for (const [k, v] of Object.entries(text) as [keyof typeof text, string][])
    if (v.trim()) s[k] = v.trim();
  const utm = Object.fromEntries(
    (
      [
        ['utm_source', d.utmSource],
        ['utm_medium', d.utmMedium],
        ['utm_campaign', d.utmCampaign],
      ] as const
    )
      .filter(([, v]) => v.trim())
      .map(([k, v]) => [k, v.trim()]),
  );
  if (Object.keys(utm).length) s.utm = utm;
  if (d.tags.length) s.tags = d.tags;
  if (d.at) {
    const when = new Date(d.at);
    if (!Number.isNaN(when.getTime())) s.at = when.toISOString();
  }
  return s;
}
