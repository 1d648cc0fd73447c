import type { PermissionMatrix, Role } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';
import { sessionKey } from '../../lib/session';

export const rolesKey = ['roles'] as const;

export const useRoles = () => useQuery({ queryKey: rolesKey, queryFn: () => api.get('/roles') });

// Replace a role's matrix; my own session's permissions may have changed with it.
export function useUpdateRole(role: Role, on: MutationEvents<Role> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (permissions: PermissionMatrix) =>
      api.put('/roles/:key', { permissions }, { params: { key: role.key } }),
    onSuccess: (saved) => {
      on.onSuccess?.(saved);
      void qc.invalidateQueries({ queryKey: rolesKey });
      void qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}
