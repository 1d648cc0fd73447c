import type { Workspace, WorkspaceUpdateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';
import { sessionKey } from '../../lib/session';

const workspaceKey = ['workspace'] as const;

export const useWorkspace = () =>
  useQuery({ queryKey: workspaceKey, queryFn: () => api.get('/workspace') });

// The session carries the workspace (name, two-factor rule), so it is read again after a change.
export function useUpdateWorkspace(on: MutationEvents<Workspace> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkspaceUpdateBody) => api.patch('/workspace', body),
    meta: { inlineErrors: true },
    onSuccess: (updated) => {
      qc.setQueryData(workspaceKey, updated);
      void qc.invalidateQueries({ queryKey: sessionKey });
      on.onSuccess?.(updated);
    },
    onError: on.onError,
  });
}
