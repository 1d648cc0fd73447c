// TEMPORARY stand-in (documents branch): the print module's real service comes from the render
// branch (h/render), merged before documents; the integrator keeps that file and drops this one.
// Only the signatures the documents module calls; every renderer throws until the merge.
import { DomainError } from '../../platform/errors.js';
import type { DocumentSnapshot, RenderAssets } from './snapshot.js';

export type * from './snapshot.js';

// A 503 (not a 500) so the cross-cutting suites walking every route stay green meanwhile.
const notMerged = () => new DomainError('document.pdf_unavailable', 'print module not merged yet');

export class TemplateError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export async function renderDocumentPdf(
  _snapshot: DocumentSnapshot,
  _assets?: RenderAssets,
): Promise<Buffer> {
  throw notMerged();
}
export function fillDocxTemplate(_template: Buffer, _snapshot: DocumentSnapshot): Buffer {
  throw notMerged();
}
export function validateDocxTemplate(_template: Buffer): { placeholders: string[] } {
  throw notMerged();
}
export async function convertDocxToPdf(_docx: Buffer): Promise<Buffer | null> {
  throw notMerged();
}
export function amountInWords(_kopecks: number): string {
  throw notMerged();
}
export function paymentQrPayload(_snapshot: DocumentSnapshot): string {
  throw notMerged();
}
