import type { ApiError } from './api';

// What a component adds to a feature hook's mutation: its own next step once the server answered
// (close the dialog, show the result) and where a failure goes (a form's fields).
export type MutationEvents<R> = {
  onSuccess?: (result: R) => unknown;
  onError?: (e: ApiError) => unknown;
};
