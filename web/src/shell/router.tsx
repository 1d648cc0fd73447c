import type { Entity } from '@voronka/contract';
import { lazy, type ReactNode } from 'react';
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
const ReceivablesPage = lazy(() =>
  import('../features/receivables/ReceivablesPage').then((m) => ({ default: m.ReceivablesPage })),
);
const DunningSettingsPage = lazy(() =>
  import('../features/dunning/DunningSettingsPage').then((m) => ({
    default: m.DunningSettingsPage,
  })),
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
const FunnelPage = lazy(() =>
  import('../features/analytics/FunnelPage').then((m) => ({ default: m.FunnelPage })),
);
const PlanFactPage = lazy(() =>
  import('../features/analytics/PlanFactPage').then((m) => ({ default: m.PlanFactPage })),
);
const ActivityPage = lazy(() =>
  import('../features/analytics/ActivityPage').then((m) => ({ default: m.ActivityPage })),
);
const WinBackPage = lazy(() =>
  import('../features/analytics/WinBackPage').then((m) => ({ default: m.WinBackPage })),
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
const PrivacyPage = lazy(() =>
  import('../features/privacy/PrivacyPage').then((m) => ({ default: m.PrivacyPage })),
);
const WebhooksPage = lazy(() =>
  import('../features/webhooks/WebhooksPage').then((m) => ({ default: m.WebhooksPage })),
);
const AutomationsPage = lazy(() =>
  import('../features/automations/AutomationsPage').then((m) => ({ default: m.AutomationsPage })),
);
const MessageTemplatesPage = lazy(() =>
  import('../features/message-templates/MessageTemplatesPage').then((m) => ({
    default: m.MessageTemplatesPage,
  })),
);
const DiscountApprovalsPage = lazy(() =>
  import('../features/discounts/DiscountApprovalsPage').then((m) => ({
    default: m.DiscountApprovalsPage,
  })),
);
const CalculatorsPage = lazy(() =>
  import('../features/calculators/CalculatorsPage').then((m) => ({ default: m.CalculatorsPage })),
);
const CalculatorBuilderPage = lazy(() =>
  import('../features/calculators/CalculatorBuilderPage').then((m) => ({
    default: m.CalculatorBuilderPage,
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

const CallListsPage = lazy(() =>
  import('../features/calls/CallListsPage').then((m) => ({ default: m.CallListsPage })),
);
const CallModePage = lazy(() =>
  import('../features/calls/CallModePage').then((m) => ({ default: m.CallModePage })),
);
const CallJournalPage = lazy(() =>
  import('../features/calls/CallJournalPage').then((m) => ({ default: m.CallJournalPage })),
);

// A page behind the permission matrix: shown to those whose role may read `entity`.
const guarded = (path: string, entity: Entity, page: ReactNode) => ({
  path,
  element: <RequirePermission entity={entity} page={page} />,
});

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
            guarded('pipeline', 'deals', <PipelineBoardPage />),
            { path: 'deals', element: <RequirePermission entity="deals" page={<DealsPage />} /> },
            guarded('deals/:id', 'deals', <DealPage />),
            { path: 'tasks', element: <RequirePermission entity="tasks" page={<TasksPage />} /> },
            guarded('calendar', 'tasks', <CalendarPage />),
            guarded('catalog', 'catalog', <CatalogPage />),
            guarded('price-lists', 'catalog', <PriceListsPage />),
            guarded('payments', 'finance', <PaymentsPage />),
            guarded('receivables', 'finance', <ReceivablesPage />),
            guarded('settings/dunning', 'finance', <DunningSettingsPage />),
            guarded('documents', 'documents', <DocumentsPage />),
            guarded('discounts', 'deals', <DiscountApprovalsPage />),
            guarded('documents/:id', 'documents', <DocumentPage />),
            guarded('settings/document-templates', 'legal_entities', <TemplatesPage />),
            guarded('settings/legal-entities', 'legal_entities', <LegalEntitiesPage />),
            { path: 'queue', element: <RequirePermission entity="routing" page={<QueuePage />} /> },
            guarded('reports/sla', 'routing', <SlaReportPage />),
            guarded('reports/funnel', 'deals', <FunnelPage />),
            guarded('reports/plan-fact', 'deals', <PlanFactPage />),
            guarded('reports/activity', 'deals', <ActivityPage />),
            guarded('reports/win-back', 'companies', <WinBackPage />),
            { path: 'inbox', element: <RequirePermission entity="leads" page={<InboxPage />} /> },
            { path: 'leads', element: <RequirePermission entity="leads" page={<LeadsPage />} /> },
            guarded('companies', 'companies', <CompaniesPage />),
            guarded('companies/:id', 'companies', <CompanyPage />),
            guarded('contacts', 'contacts', <ContactsPage />),
            guarded('contacts/:id', 'contacts', <ContactPage />),
            guarded('duplicates', 'contacts', <DuplicatesPage />),
            guarded('settings/channels', 'workspace', <ChannelsPage />),
            guarded('settings/custom-fields', 'workspace', <CustomFieldsPage />),
            guarded('settings/forms', 'workspace', <FormsPage />),
            guarded('settings/forms/:id', 'workspace', <FormBuilderPage />),
            guarded('settings/meeting-types', 'workspace', <MeetingTypesPage />),
            guarded('settings/calculators', 'catalog', <CalculatorsPage />),
            guarded('settings/calculators/:id', 'catalog', <CalculatorBuilderPage />),
            guarded('settings/pipelines', 'deals', <PipelineSettingsPage />),
            guarded('settings/automations', 'automation', <AutomationsPage />),
            guarded('settings/webhooks', 'workspace', <WebhooksPage />),
            guarded('settings/templates', 'messaging', <MessageTemplatesPage />),
            guarded('settings/privacy', 'privacy', <PrivacyPage />),
            guarded('settings/routing', 'routing', <RoutingSettingsPage />),
            guarded('call-lists', 'contacts', <CallListsPage />),
            guarded('call-lists/:id', 'contacts', <CallModePage />),
            guarded('calls', 'leads', <CallJournalPage />),
            { path: 'availability', element: <AvailabilityPage /> },
            { path: 'availability/:memberId', element: <AvailabilityPage /> },
            { path: 'settings', element: <Navigate to="/settings/security" replace /> },
            guarded('settings/workspace', 'workspace', <WorkspaceSettingsPage />),
            guarded('settings/users', 'users', <UsersPage />),
            guarded('settings/teams', 'teams', <TeamsPage />),
            guarded('settings/roles', 'roles', <RolesPage />),
            guarded('settings/tokens', 'tokens', <TokensPage />),
            { path: 'settings/security', element: <SecurityPage /> },
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ]);
}
