import { z } from 'zod';

// Every error the API can answer with, and its HTTP status: one table, exhaustive by construction.
export const errorStatus = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.uri_too_long': 414,
  'request.headers_too_large': 431,
  'request.timeout': 408,
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
  'auth.reset_link_invalid': 400,
  'auth.password_reset_unavailable': 503,
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
  'deal.amount_from_lines': 422,
  'task.not_found': 404,
  'calendar_event.not_found': 404,
  // An end before the start, a range too long, or a recurrence on a kind that cannot recur.
  'calendar_event.invalid': 400,
  'calendar_feed.not_found': 404,
  'meeting_type.not_found': 404,
  'meeting_type.slug_taken': 409,
  // A start that is not one of the type's free slots (past, outside hours, too soon, too far).
  'booking.slot_unavailable': 422,
  // The slot was free when read and taken by another booking first: fresh slots come with it.
  'booking.slot_taken': 409,
  'booking.not_found': 404,
  // A cancel or reschedule link that is forged, for another purpose, or already used.
  'booking.link_invalid': 400,
  'booking.link_used': 409,
  'activity.subject_required': 400,
  'lead.not_found': 404,
  'lead.already_converted': 409,
  'lead.invalid_transition': 409,
  'lead.not_convertible': 409,
  'custom_field.not_found': 404,
  'custom_field.key_taken': 409,
  'custom_field.invalid_value': 400,
  'view.not_found': 404,
  'view.name_taken': 409,
  'view.limit_reached': 409,
  'form.not_found': 404,
  'form.origin_not_allowed': 403,
  'import.not_found': 404,
  'import.unreadable': 400,
  'import.empty': 400,
  'import.already_started': 409,
  'import.mapping_invalid': 400,
  'channel.not_found': 404,
  'channel.disabled': 409,
  'channel.in_use': 409,
  'channel.address_taken': 409,
  'channel.address_domain': 422,
  'conversation.not_found': 404,
  // A reply with no way to the client (a website form answered without choosing e-mail, a
  // messenger or a call), or a way that does not exist for this client.
  'reply.route_required': 422,
  'reply.route_unavailable': 422,
  'message.not_found': 404,
  'message.not_retryable': 409,
  'file.not_found': 404,
  'file.too_large': 413,
  'file.too_many_rows': 422,
  'file.too_many_columns': 422,
  'file.too_many_cells': 422,
  'file.archive_invalid': 422,
  // A DOCX template that is not a DOCX, has broken XML or names a placeholder we do not have.
  'template.invalid': 422,
  'channel.connect_failed': 502,
  'webhook.invalid_signature': 401,
  'webhook.verification_failed': 403,
  'routing_rule.not_found': 404,
  'routing_rule.invalid': 400,
  // A rule names a record (a form) this workspace does not have.
  'routing_rule.unknown_reference': 422,
  'sla_policy.not_found': 404,
  'product.not_found': 404,
  'product.sku_taken': 409,
  'price_list.not_found': 404,
  // A VAT rate the rate table does not know, or a line whose money does not fit (the field named).
  'vat_rate.unknown': 422,
  'line.out_of_range': 422,
  'legal_entity.not_found': 404,
  'legal_entity.invalid_requisite': 400,
  'legal_entity.in_use': 409,
  // An uploaded image that is not PNG or JPEG (an SVG "logo" included), or one over the size limit.
  'image.unsupported_type': 415,
  'document.not_found': 404,
  'document.invalid_transition': 409,
  'document.not_editable': 409,
  'document.no_lines': 422,
  'document.invalid_line': 422,
  'document.link_invalid': 403,
  'document.pdf_unavailable': 503,
  // LibreOffice could not convert the filled DOCX template (after its retries).
  'document.pdf_failed': 422,
  'document_export.not_found': 404,
  // The export's ZIP is not made yet (poll GET /documents/exports/{id} for its progress).
  'document_export.not_ready': 409,
  // More documents than one export may hold, or none at all.
  'document_export.too_many': 422,
  'document_export.empty': 422,
  'document_template.not_found': 404,
  'document_template.invalid': 422,
  'payment.not_found': 404,
  'payment.reversed': 409,
  'payment.over_allocated': 422,
  'payment.invoice_not_open': 409,
  'dunning_policy.not_found': 404,
  'dunning_policy.invalid': 422,
  'dunning_pause.invalid': 422,
  'payment_terms.not_found': 404,
  'bank_statement.not_found': 404,
  'bank_statement.unreadable': 400,
  'bank_statement.invalid': 422,
  'bank_statement_line.not_found': 404,
  'bank_statement_line.settled': 409,
  'automation.not_found': 404,
  // A rule naming what is not there (a stage of another pipeline, a deactivated member, a private URL).
  'automation.invalid': 422,
  'webhook.not_found': 404,
  // An outgoing webhook's URL to a private address, or too many subscriptions.
  'webhook.invalid': 422,
  'message_template.not_found': 404,
  // A letter/message template whose text does not parse, names an unknown variable or filter, or
  // cannot render within the sandbox's time and size limits.
  'message_template.invalid': 422,
  'segment.not_found': 404,
  'campaign.not_found': 404,
  // A campaign that cannot start or change now (not a draft, no e-mail channel, a message template).
  'campaign.invalid': 422,
  'campaign.state': 409,
  // An unsubscribe link whose signature does not hold.
  'unsubscribe.invalid': 400,
  // Click-to-call: the member has no extension in their profile; no PBX channel can call out; the
  // PBX refused, failed or did not answer in time (the manager is told why).
  'calls.no_extension': 409,
  'calls.no_pbx': 409,
  'calls.pbx_failed': 502,
  'call_list.not_found': 404,
  'call_list_item.not_found': 404,
  // The item was handed to another manager, or its outcome is already recorded.
  'call_list_item.not_yours': 409,
  'do_not_call.not_found': 404,
  'privacy_request.not_found': 404,
  // The request is closed, of another kind, already extended or erased, or its export not ready.
  'privacy_request.state': 409,
  // Erasure refused: the typed confirmation is not the person's name.
  'privacy_request.confirmation': 422,
  // A hand-over naming the leaver among receivers, or a member who is not active.
  'handover.invalid': 422,
  'destruction_act.not_found': 404,
  'job_description.not_found': 404,
  'sales_plan.not_found': 404,
  // The same period, scope and basis has a plan already: change its amount instead.
  'sales_plan.exists': 409,
  'calculator.not_found': 404,
  // A formula that is too long, too deep, names what is not there or uses what is not allowed.
  'calculator.invalid': 422,
  // A value outside its input's bounds, or a formula that fails on it (division by zero).
  'calculator.value_invalid': 422,
  'calculator.no_draft': 409,
  'calculator.not_published': 409,
  'calculator.no_form': 422,
  // A quote or invoice whose discount is beyond the issuer's limit and not approved.
  'discount.approval_required': 409,
  // Approving a discount beyond one's own limit, or one's own request.
  'discount.beyond_limit': 403,
  'discount_approval.not_found': 404,
  'discount_approval.not_pending': 409,
  // Asking for approval of lines whose discount is within the asker's limit.
  'discount_approval.not_needed': 409,
  // A once-only rule pressed again on a record it already ran on.
  'automation.already_ran': 409,
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
