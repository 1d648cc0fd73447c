import { z } from 'zod';

// Every error the API can answer with, and its HTTP status: one table, exhaustive by construction.
export const errorStatus = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.rate_limited': 429,
  'auth.required': 401,
  'auth.invalid_credentials': 401,
  'auth.invalid_token': 401,
  'auth.two_factor_required': 401,
  'auth.invalid_two_factor_code': 401,
  'auth.two_factor_setup_required': 403,
  'auth.csrf': 403,
  'auth.forbidden': 403,
  'auth.user_deactivated': 403,
  'workspace.trial_expired': 402,
  'workspace.not_found': 404,
  'user.not_found': 404,
  'user.email_taken': 409,
  'user.already_member': 409,
  'user.last_owner': 409,
  'user.cannot_change_owner': 403,
  'invitation.not_found': 404,
  'invitation.expired': 410,
  'team.not_found': 404,
  'team.name_taken': 409,
  'role.not_found': 404,
  'role.owner_locked': 403,
  'token.not_found': 404,
  'idempotency.key_reused': 422,
  'idempotency.in_progress': 409,
  'company.not_found': 404,
  'company.invalid_requisite': 400,
  'company.merge_self': 400,
  'contact.not_found': 404,
  'contact.invalid_phone': 400,
  'contact.merge_self': 400,
  'pipeline.not_found': 404,
  'pipeline.last': 409,
  'pipeline.has_deals': 409,
  'stage.not_found': 404,
  'stage.has_deals': 409,
  'stage.invalid_set': 400,
  'lost_reason.not_found': 404,
  'deal.not_found': 404,
  'deal.lost_reason_required': 400,
  'task.not_found': 404,
  'activity.subject_required': 400,
  'resource.not_found': 404,
  'server.unavailable': 503,
  'server.internal': 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const FieldError = z.object({ field: z.string(), reason: z.string() });

// RFC 9457 problem details; `code` is our stable machine-readable reason.
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  field: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
