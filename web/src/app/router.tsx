import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from '../features/audit/AuditPage';
import { InvitePage } from '../features/auth/InvitePage';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { TwoFactorSetupPage } from '../features/auth/TwoFactorSetupPage';
import { HomePage } from '../features/home/HomePage';
import { RolesPage } from '../features/roles/RolesPage';
import { SecurityPage } from '../features/security/SecurityPage';
import { TeamsPage } from '../features/teams/TeamsPage';
import { TokensPage } from '../features/tokens/TokensPage';
import { UsersPage } from '../features/users/UsersPage';
import { WorkspaceSettingsPage } from '../features/workspace/WorkspaceSettingsPage';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { RequireSession } from './RequireSession';
import { AppLayout } from './shell/AppLayout';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/sign-up', element: <SignUpPage /> },
    { path: '/invite/:token', element: <InvitePage /> },
    { path: '/two-factor-setup', element: <TwoFactorSetupPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'audit', element: <RequirePermission entity="audit" page={<AuditPage />} /> },
            { path: 'settings', element: <Navigate to="/settings/security" replace /> },
            {
              path: 'settings/workspace',
              element: <RequirePermission entity="workspace" page={<WorkspaceSettingsPage />} />,
            },
            { path: 'settings/users', element: <RequirePermission entity="users" page={<UsersPage />} /> },
            { path: 'settings/teams', element: <RequirePermission entity="teams" page={<TeamsPage />} /> },
            { path: 'settings/roles', element: <RequirePermission entity="roles" page={<RolesPage />} /> },
            { path: 'settings/tokens', element: <RequirePermission entity="tokens" page={<TokensPage />} /> },
            { path: 'settings/security', element: <SecurityPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
