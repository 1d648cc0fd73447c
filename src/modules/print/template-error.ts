import { DomainError } from '../../platform/errors.js';

// Why a DOCX template was refused. The API answers 422 `template.invalid` (413 `file.too_large`
// for an oversized file) with `field` naming the offending placeholder, or «template» for the file.

export type TemplateErrorReason =
  | 'not_docx'
  | 'broken_xml'
  | 'syntax'
  | 'unknown_placeholder'
  | 'forbidden_placeholder'
  | 'too_large'
  | 'zip_bomb';

export class TemplateError extends DomainError {
  readonly reason: TemplateErrorReason;
  /** The placeholders at fault (unknown or forbidden), empty for file-level errors. */
  readonly placeholders: string[];
  constructor(reason: TemplateErrorReason, detail: string, placeholders: string[] = []) {
    super(reason === 'too_large' ? 'file.too_large' : 'template.invalid', detail, {
      field: placeholders[0] ?? 'template',
    });
    this.name = 'TemplateError';
    this.reason = reason;
    this.placeholders = placeholders;
  }
}
