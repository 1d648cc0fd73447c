import { ApiError, lastSegment } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';

// A problem+json answer → messages keyed by a form's field ("conditions.utmSource.0" → utmSource);
// what names no field of the form goes in `rest`.
export function problemFieldErrors(
  e: unknown,
  fields: readonly string[],
): { byField: Record<string, string>; rest: string | null } {
  if (!(e instanceof ApiError)) return { byField: {}, rest: e ? errorMessage(e) : null };
  const byField: Record<string, string> = {};
  const unknown: string[] = [];
  const put = (path: string, message: string) => {
    const key = fieldOf(path);
    if (fields.includes(key)) byField[key] ??= message;
    else unknown.push(`${path}: ${message}`);
  };
  for (const err of e.errors) put(err.field, err.reason || errorMessage(e));
  // A coded error aimed at one field (the manager is not in the team) reads better translated.
  if (e.field && e.errors.length === 0 && fields.includes(fieldOf(e.field)))
    byField[fieldOf(e.field)] = errorMessage(e);
  const matched = Object.keys(byField).length > 0;
  const rest = unknown.length
    ? matched
      ? unknown.join('; ')
      : `${errorMessage(e)} ${unknown.join('; ')}`
    : matched
      ? null
      : errorMessage(e);
  return { byField, rest };
}

function fieldOf(path: string): string {
  const parts = path.replace(/^\/+/, '').split(/[./]/).filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === 'conditions' && parts[1]) return parts[1];
  return parts[0] ?? lastSegment(path);
}
