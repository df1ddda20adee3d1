import type { Route } from './router';
import { DashboardPage } from './pages/dashboard';
import { GroupPage, GroupsPage } from './pages/directory/groups';
import { NewPersonPage, PeoplePage } from './pages/directory/people';
import { PersonPage } from './pages/directory/person';
import { ProfileEditorPage, UserTypeSchemaPage } from './pages/directory/profile-editor';
import { EventHookPage } from './pages/event-hooks/detail';
import { EditEventHookPage, NewEventHookPage } from './pages/event-hooks/form';
import { EventHooksPage } from './pages/event-hooks/list';
import { EditInlineHookPage, NewInlineHookPage } from './pages/inline-hooks/form';
import { InlineHookPage } from './pages/inline-hooks/detail';
import { InlineHooksPage } from './pages/inline-hooks/list';
import { SystemLogPage } from './pages/reports/system-log';
import { ProfileEnrollmentPoliciesPage, ProfileEnrollmentPolicyPage } from './pages/security/profile-enrollment';
import { ConnectionsPage } from './pages/workflows/connections';
import { FlowPage } from './pages/workflows/flow';
import { FlowsPage } from './pages/workflows/flows';
import { TablePage } from './pages/workflows/tables/table-page';
import { TablesPage } from './pages/workflows/tables/tables-page';

/** Every console page. `key` makes a page start fresh when its id changes. */
export const routes: Route[] = [
  { pattern: '/', render: () => <DashboardPage /> },
  { pattern: '/people', render: (_p, l) => <PeoplePage location={l} /> },
  { pattern: '/people/new', render: () => <NewPersonPage /> },
  { pattern: '/people/:id', render: (p) => <PersonPage key={p.id} id={p.id} /> },
  { pattern: '/groups', render: (_p, l) => <GroupsPage location={l} /> },
  { pattern: '/groups/:id', render: (p) => <GroupPage key={p.id} id={p.id} /> },
  { pattern: '/profile-editor', render: () => <ProfileEditorPage /> },
  { pattern: '/profile-editor/:id', render: (p) => <UserTypeSchemaPage key={p.id} id={p.id} /> },
  { pattern: '/security/profile-enrollment', render: () => <ProfileEnrollmentPoliciesPage /> },
  { pattern: '/security/profile-enrollment/:id', render: (p) => <ProfileEnrollmentPolicyPage key={p.id} id={p.id} /> },
  { pattern: '/workflow/inline-hooks', render: () => <InlineHooksPage /> },
  { pattern: '/workflow/inline-hooks/new', render: (_p, l) => <NewInlineHookPage type={l.query.get('type') ?? undefined} /> },
  { pattern: '/workflow/inline-hooks/:id', render: (p) => <InlineHookPage key={p.id} id={p.id} /> },
  { pattern: '/workflow/inline-hooks/:id/edit', render: (p) => <EditInlineHookPage key={p.id} id={p.id} /> },
  { pattern: '/workflow/event-hooks', render: () => <EventHooksPage /> },
  { pattern: '/workflow/event-hooks/new', render: () => <NewEventHookPage /> },
  { pattern: '/workflow/event-hooks/:id', render: (p) => <EventHookPage key={p.id} id={p.id} /> },
  { pattern: '/workflow/event-hooks/:id/edit', render: (p) => <EditEventHookPage key={p.id} id={p.id} /> },
  { pattern: '/reports/system-log', render: (_p, l) => <SystemLogPage location={l} /> },
  { pattern: '/workflows', render: () => <FlowsPage /> },
  { pattern: '/workflows/flows/:id', render: (p) => <FlowPage key={p.id} id={p.id} tab="flow" /> },
  { pattern: '/workflows/flows/:id/executions', render: (p) => <FlowPage key={p.id} id={p.id} tab="history" /> },
  { pattern: '/workflows/tables', render: () => <TablesPage /> },
  { pattern: '/workflows/tables/:id', render: (p) => <TablePage key={p.id} id={p.id} /> },
  { pattern: '/workflows/connections', render: (_p, l) => <ConnectionsPage location={l} /> },
  { pattern: '/workflows/flows/:id/executions/:executionId', render: (p) => <FlowPage key={p.id} id={p.id} tab="history" executionId={p.executionId} /> },
];
