import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { bodyOf, ladderErrors, starterLadder } from './ladder-draft';

const problem = (extra: Partial<ConstructorParameters<typeof ApiError>[0]>) =>
  new ApiError({
    type: 'about:blank',
    title: 't',
    status: 422,
    detail: 'another step is already 3 days from the due date',
    code: 'dunning_policy.invalid',
    ...extra,
  });

describe('the ladder editor’s errors', () => {
  it('keys a rule’s field as the editor names its inputs', () => {
    expect(ladderErrors(problem({ field: 'steps.1.offsetDays' }))).toEqual({
      'steps.1.offsetDays': 'another step is already 3 days from the due date',
    });
  });

  it('reads the schema’s fields (body.steps.0.text, /steps/0/subject) the same way', () => {
    const err = problem({
      status: 400,
      code: 'request.invalid',
      errors: [
        { field: 'body.steps.0.text', reason: 'too long' },
        { field: '/steps/0/subject', reason: 'required' },
      ],
    });
    expect(ladderErrors(err)).toEqual({
      'steps.0.text': 'too long',
      'steps.0.subject': 'required',
    });
  });

  it('offers a starter ladder that is the default and passes the server’s rules', () => {
    const body = bodyOf(starterLadder());
    expect(body.isDefault).toBe(true);
    const offsets = body.steps.map((s) => s.offsetDays);
    expect(new Set(offsets).size).toBe(offsets.length);
  });
});
