import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { InvitePage } from '../features/auth/InvitePage';
import { SignInPage } from '../features/auth/SignInPage';
import { ForgotPasswordPage, ResetPasswordPage } from '../features/auth/PasswordResetPages';
import { SignUpPage } from '../features/auth/SignUpPage';
import { TwoFactorSetupPage } from '../features/auth/TwoFactorSetupPage';
import { HomePage } from '../features/home/HomePage';
import { NotFoundPage } from './NotFoundPage';
import { RequirePermission } from './RequirePermission';
import { RequireSession } from './RequireSession';
import { AppLayout } from './AppLayout';

// The audit log and the settings pages are visited seldom, so each loads on first visit
// (AppLayout shows a loader meanwhile); the sign-in pages and the home page stay in the first bundle.
const AuditPage = lazy(() =>
  import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);
const WorkspaceSettingsPage = lazy(() =>
  import('../features/workspace/WorkspaceSettingsPage').then((m) => ({
    default: m.WorkspaceSettingsPage,
  })),
);
const UsersPage = lazy(() =>
  import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })),
);
const TeamsPage = lazy(() =>
  import('../features/teams/TeamsPage').then((m) => ({ default: m.TeamsPage })),
);
const RolesPage = lazy(() =>
  import('../features/roles/RolesPage').then((m) => ({ default: m.RolesPage })),
);
const TokensPage = lazy(() =>
  import('../features/tokens/TokensPage').then((m) => ({ default: m.TokensPage })),
);
const SecurityPage = lazy(() =>
  import('../features/security/SecurityPage').then((m) => ({ default: m.SecurityPage })),
);
const PipelineBoardPage = lazy(() =>
  import('../features/pipelines/PipelineBoardPage').then((m) => ({ default: m.PipelineBoardPage })),
);
const DealPage = lazy(() =>
  import('../features/deals/DealPage').then((m) => ({ default: m.DealPage })),
);
const DealsPage = lazy(() =>
  import('../features/deals/DealsPage').then((m) => ({ default: m.DealsPage })),
);
const CatalogPage = lazy(() =>
  import('../features/catalog/CatalogPage').then((m) => ({ default: m.CatalogPage })),
);
const PriceListsPage = lazy(() =>
  import('../features/catalog/PriceListsPage').then((m) => ({ default: m.PriceListsPage })),
);
const PaymentsPage = lazy(() =>
  import('../features/money/PaymentsPage').then((m) => ({ default: m.PaymentsPage })),
);
const DocumentsPage = lazy(() =>
  import('../features/documents/DocumentsPage').then((m) => ({ default: m.DocumentsPage })),
);
const DocumentPage = lazy(() =>
  import('../features/documents/DocumentPage').then((m) => ({ default: m.DocumentPage })),
);
const TemplatesPage = lazy(() =>
  import('../features/documents/TemplatesPage').then((m) => ({ default: m.TemplatesPage })),
);
const LegalEntitiesPage = lazy(() =>
  import('../features/legal-entities/LegalEntitiesPage').then((m) => ({
    default: m.LegalEntitiesPage,
  })),
);
const CalendarPage = lazy(() =>
  import('../features/calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })),
);
const TasksPage = lazy(() =>
  import('../features/tasks/TasksPage').then((m) => ({ default: m.TasksPage })),
);
const CompaniesPage = lazy(() =>
  import('../features/companies/CompaniesPage').then((m) => ({ default: m.CompaniesPage })),
);
const CompanyPage = lazy(() =>
  import('../features/companies/CompanyPage').then((m) => ({ default: m.CompanyPage })),
);
const ContactsPage = lazy(() =>
  import('../features/contacts/ContactsPage').then((m) => ({ default: m.ContactsPage })),
);
const ContactPage = lazy(() =>
  import('../features/contacts/ContactPage').then((m) => ({ default: m.ContactPage })),
);
const DuplicatesPage = lazy(() =>
  import('../features/duplicates/DuplicatesPage').then((m) => ({ default: m.DuplicatesPage })),
);
const LeadsPage = lazy(() =>
  import('../features/leads/LeadsPage').then((m) => ({ default: m.LeadsPage })),
);
const InboxPage = lazy(() =>
  import('../features/inbox/InboxPage').then((m) => ({ default: m.InboxPage })),
);
const ChannelsPage = lazy(() =>
  import('../features/channels/ChannelsPage').then((m) => ({ default: m.ChannelsPage })),
);
const CustomFieldsPage = lazy(() =>
  import('../features/custom-fields/CustomFieldsPage').then((m) => ({
    default: m.CustomFieldsPage,
  })),
);
const FormsPage = lazy(() =>
  import('../features/forms/FormsPage').then((m) => ({ default: m.FormsPage })),
);
const FormBuilderPage = lazy(() =>
  import('../features/forms/FormBuilderPage').then((m) => ({ default: m.FormBuilderPage })),
);
const QueuePage = lazy(() =>
  import('../features/queue/QueuePage').then((m) => ({ default: m.QueuePage })),
);
const SlaReportPage = lazy(() =>
  import('../features/sla-report/SlaReportPage').then((m) => ({ default: m.SlaReportPage })),
);
const RoutingSettingsPage = lazy(() =>
  import('../features/routing-settings/RoutingSettingsPage').then((m) => ({
    default: m.RoutingSettingsPage,
  })),
);
const AvailabilityPage = lazy(() =>
  import('../features/routing-settings/AvailabilityPage').then((m) => ({
    default: m.AvailabilityPage,
  })),
);
const MeetingTypesPage = lazy(() =>
  import('../features/meeting-types/MeetingTypesPage').then((m) => ({
    default: m.MeetingTypesPage,
  })),
);
const PipelineSettingsPage = lazy(() =>
  import('../features/pipeline-settings/PipelineSettingsPage').then((m) => ({
    default: m.PipelineSettingsPage,
  })),
);

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInPage /> },
    { path: '/sign-up', element: <SignUpPage /> },
    { path: '/invite/:token', element: <InvitePage /> },
    { path: '/forgot-password', element: <ForgotPasswordPage /> },
    { path: '/reset-password/:token', element: <ResetPasswordPage /> },
    { path: '/two-factor-setup', element: <TwoFactorSetupPage /> },
    {
      element: <RequireSession />,
      children: [
        {
          element: <AppLayout />,
          children: [
            { index: true, element: <HomePage /> },
            { path: 'audit', element: <RequirePermission entity="audit" page={<AuditPage />} /> },
            {
              path: 'pipeline',
              element: <RequirePermission entity="deals" page={<PipelineBoardPage />} />,
            },
            { path: 'deals', element: <RequirePermission entity="deals" page={<DealsPage />} /> },
            {
              path: 'deals/:id',
              element: <RequirePermission entity="deals" page={<DealPage />} />,
            },
            { path: 'tasks', element: <RequirePermission entity="tasks" page={<TasksPage />} /> },
            {
              path: 'calendar',
              element: <RequirePermission entity="tasks" page={<CalendarPage />} />,
            },
            {
              path: 'catalog',
              element: <RequirePermission entity="catalog" page={<CatalogPage />} />,
            },
            {
              path: 'price-lists',
              element: <RequirePermission entity="catalog" page={<PriceListsPage />} />,
            },
            {
              path: 'payments',
              element: <RequirePermission entity="finance" page={<PaymentsPage />} />,
            },
            {
              path: 'documents',
              element: <RequirePermission entity="documents" page={<DocumentsPage />} />,
            },
            {
              path: 'documents/:id',
              element: <RequirePermission entity="documents" page={<DocumentPage />} />,
            },
            {
              path: 'settings/document-templates',
              element: <RequirePermission entity="legal_entities" page={<TemplatesPage />} />,
            },
            {
              path: 'settings/legal-entities',
              element: <RequirePermission entity="legal_entities" page={<LegalEntitiesPage />} />,
            },
            { path: 'queue', element: <RequirePermission entity="routing" page={<QueuePage />} /> },
            {
              path: 'reports/sla',
              element: <RequirePermission entity="routing" page={<SlaReportPage />} />,
            },
            { path: 'inbox', element: <RequirePermission entity="leads" page={<InboxPage />} /> },
            { path: 'leads', element: <RequirePermission entity="leads" page={<LeadsPage />} /> },
            {
              path: 'companies',
              element: <RequirePermission entity="companies" page={<CompaniesPage />} />,
            },
            {
              path: 'companies/:id',
              element: <RequirePermission entity="companies" page={<CompanyPage />} />,
            },
            {
              path: 'contacts',
              element: <RequirePermission entity="contacts" page={<ContactsPage />} />,
            },
            {
              path: 'contacts/:id',
              element: <RequirePermission entity="contacts" page={<ContactPage />} />,
            },
            {
              path: 'duplicates',
              element: <RequirePermission entity="contacts" page={<DuplicatesPage />} />,
            },
            {
              path: 'settings/channels',
              element: <RequirePermission entity="workspace" page={<ChannelsPage />} />,
            },
            {
              path: 'settings/custom-fields',
              element: <RequirePermission entity="workspace" page={<CustomFieldsPage />} />,
            },
            {
              path: 'settings/forms',
              element: <RequirePermission entity="workspace" page={<FormsPage />} />,
            },
            {
              path: 'settings/forms/:id',
              element: <RequirePermission entity="workspace" page={<FormBuilderPage />} />,
            },
            {
              path: 'settings/meeting-types',
              element: <RequirePermission entity="workspace" page={<MeetingTypesPage />} />,
            },
            {
              path: 'settings/pipelines',
              element: <RequirePermission entity="deals" page={<PipelineSettingsPage />} />,
            },
            {
              path: 'settings/routing',
              element: <RequirePermission entity="routing" page={<RoutingSettingsPage />} />,
            },
            { path: 'availability', element: <AvailabilityPage /> },
            { path: 'availability/:memberId', element: <AvailabilityPage /> },
            { path: 'settings', element: <Navigate to="/settings/security" replace /> },
            {
              path: 'settings/workspace',
              element: <RequirePermission entity="workspace" page={<WorkspaceSettingsPage />} />,
            },
            {
              path: 'settings/users',
              element: <RequirePermission entity="users" page={<UsersPage />} />,
            },
            {
              path: 'settings/teams',
              element: <RequirePermission entity="teams" page={<TeamsPage />} />,
            },
            {
              path: 'settings/roles',
              element: <RequirePermission entity="roles" page={<RolesPage />} />,
            },
            {
              path: 'settings/tokens',
              element: <RequirePermission entity="tokens" page={<TokensPage />} />,
            },
            { path: 'settings/security', element: <SecurityPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
