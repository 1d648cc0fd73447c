import type { LegalEntityCreateBody } from '@voronka/contract';
import { api, putFile } from '../../lib/api';

// The writes of the legal-entities page: a new entity or changes to one, and its images.
export const saveLegalEntity = (id: string | null, body: LegalEntityCreateBody) =>
  id
    ? api.patch('/legal-entities/:id', body, { params: { id } })
    : api.post('/legal-entities', body);

export const uploadLegalEntityImage = (id: string, kind: string, file: File) =>
  putFile(`/legal-entities/${encodeURIComponent(id)}/image?kind=${kind}`, file);
