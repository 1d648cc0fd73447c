// The workspaces module's public surface: tenants, people, access, sessions and the audit trail.
export {
  createWorkspaceWithOwner,
  findUserByEmail,
  type NewWorkspace,
  type CreatedWorkspace,
} from './accounts.js';
export { verifyPassword } from './passwords.js';
export {
  getWorkspace,
  updateWorkspace,
  setTrialEnd,
  findWorkspaceBySlug,
  toWorkspace,
} from './workspace.js';
export {
  signIn,
  signOut,
  switchWorkspace,
  createSession,
  sessionInfo,
  me,
  updateMe,
  principalResolver,
  principalFromSession,
  SESSION_MAX_AGE_S,
} from './sessions.js';
export {
  beginTwoFactorSetup,
  enableTwoFactor,
  disableTwoFactor,
  verifySecondFactor,
  isValidTotp,
} from './two-factor.js';
export { listUsers, getUser, updateUser, setUserStatus } from './members.js';
export { listTeams, getTeam, createTeam, updateTeam, deleteTeam } from './teams.js';
export { listRoles, updateRole } from './roles.js';
export {
  listInvitations,
  createInvitation,
  revokeInvitation,
  previewInvitation,
  acceptInvitation,
} from './invitations.js';
export { listTokens, createToken, revokeToken } from './tokens.js';
export { listAudit, setAuditTitlesPort, type AuditTitles } from './audit-log.js';
export {
  visibleTo,
  registerOwned,
  ownedScope,
  requireVisible,
  visibleIds,
  visibleIdsSql,
  shownId,
  hideInvisibleLinks,
  type OwnedEntity,
} from './visibility.js';
export { seedDemo, type DemoMember, type DemoSignIn } from './demo.js';
export { trialDaysLeft, defaultPermissions, TRIAL_DAYS } from './rules.js';
export { countSignUp } from './limiter.js';
export { requestPasswordReset, resetPassword, setPasswordByOperator } from './password-reset.js';
