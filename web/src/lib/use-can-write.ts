import type { Entity } from '@voronka/contract';
import { useMe } from './session';

export type WriteAction = 'create' | 'update' | 'delete';

// A write is possible when the role allows it and the workspace is not frozen by an expired trial.
export function useCanWrite(entity: Entity, action: WriteAction): boolean {
  const me = useMe();
  if (me.workspace.isReadOnly) return false;
  return me.permissions[entity]?.[action] === true;
}
