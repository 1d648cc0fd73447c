export const rolesKey = ['roles'] as const;
