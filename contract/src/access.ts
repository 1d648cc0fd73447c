import { z } from 'zod';

export const RoleKey = z.enum(['owner', 'admin', 'head', 'manager', 'assistant']);
export type RoleKey = z.infer<typeof RoleKey>;
export const roleKeys = RoleKey.options;

// Entities guarded by the permission matrix. CRM entities are listed now so that the matrix an owner
// edits today already governs the modules that arrive later.
export const Entity = z.enum([
  'workspace',
  'users',
  'teams',
  'roles',
  'tokens',
  'audit',
  'companies',
  'contacts',
  'leads',
  'deals',
  'tasks',
  // Routing rules, SLA policies, business hours, priority weights.
  'routing',
  // Products, services and price lists.
  'catalog',
  // Seeing cost prices and margins (only `read` means anything).
  'margin',
  // Documents issued from deals (quotes, invoices, acts…), by their creator.
  'documents',
  // The workspace's own legal entities and document templates.
  'legal_entities',
  // Payments, bank statements, receivables and dunning (managers: their own clients' debts).
  'finance',
  // Automation rules (triggers, conditions, actions) and their run log.
  'automation',
  // Letter and message templates (personal and shared), segments and campaigns.
  'messaging',
  // Personal data (152-FZ): consent log, data-subject requests, the access log, hand-over of a
  // leaving member's clients. Owner and admin; grant `read` to whoever is responsible for personal data.
  'privacy',
  // Sales plans (set by the head; managers read their own) — the reports follow deals' visibility.
  'plans',
]);
export type Entity = z.infer<typeof Entity>;
export const entities = Entity.options;

export const Action = z.enum(['read', 'create', 'update', 'delete', 'export']);
export type Action = z.infer<typeof Action>;
export const actions = Action.options;

export const Visibility = z.enum(['own', 'team', 'all']);
export type Visibility = z.infer<typeof Visibility>;

export const EntityRights = z.strictObject({
  read: z.boolean(),
  create: z.boolean(),
  update: z.boolean(),
  delete: z.boolean(),
  export: z.boolean(),
  visibility: Visibility,
});
export type EntityRights = z.infer<typeof EntityRights>;

export const PermissionMatrix = z.record(Entity, EntityRights);
export type PermissionMatrix = Record<Entity, EntityRights>;

export const Role = z.object({
  key: RoleKey,
  permissions: PermissionMatrix,
  editable: z.boolean(),
});
export type Role = z.infer<typeof Role>;

export const RoleUpdateBody = z.strictObject({ permissions: PermissionMatrix });
export type RoleUpdateBody = z.infer<typeof RoleUpdateBody>;
export const RoleParams = z.strictObject({ key: RoleKey });
