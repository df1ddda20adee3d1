import type { RouteModule } from './platform/http/route-module.js';
import { groupRoutes } from './identity/groups/groups.routes.js';
import { policyRoutes } from './identity/policies/policies.routes.js';
import { profileSchemaRoutes } from './identity/schema/profile-schema.routes.js';
import { systemLogRoutes } from './identity/system-log/system-log.routes.js';
import { userTypeRoutes } from './identity/user-types/user-types.routes.js';
import { userRoutes } from './identity/users/users.routes.js';
import { userSessionRoutes } from './identity/sessions/user-sessions.routes.js';
import { inlineHookRoutes } from './hooks/inline/inline-hooks.routes.js';
import { eventHookRoutes } from './hooks/event/event-hooks.routes.js';
import { inlineHookCallRoutes } from './hooks/inline/inline-hook-calls.routes.js';
import { inlineHookTypeRoutes } from './hooks/inline/hook-types.routes.js';
import { appRoutes } from './apps/apps.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { identitySourceRoutes } from './identity-sources/identity-sources.routes.js';
import { authorizationServerRoutes } from './oauth/management/authorization-servers.routes.js';
import { oauthServerRoutes } from './oauth/oauth.routes.js';
import { factorRoutes } from './factors/factors.routes.js';
import { trustedOriginRoutes } from './identity/trusted-origins/trusted-origins.routes.js';
import { hookKeyRoutes } from './hooks/keys/hook-keys.routes.js';
import { hookToolkitRoutes } from './hooks/toolkit/toolkit.routes.js';
import { hookForwarderRoutes } from './hooks/toolkit/forwarder.routes.js';
import { authnRoutes } from './authn/authn.routes.js';
import { pageRoutes } from './pages/pages.routes.js';
import { registrationApiRoutes } from './pages/registration-api.routes.js';
import { samlRoutes } from './saml/saml.routes.js';
import { consoleRoutes } from './console/console.routes.js';
import { cardCatalogRoutes } from './console/card-catalog.routes.js';
import { invokeRoutes } from './workflows/invoke/invoke.routes.js';
import { workflowsApiRoutes } from './workflows/api/workflows.routes.js';
import { workflowTablesRoutes } from './workflows/api/tables.routes.js';
import { workflowConnectionsRoutes } from './workflows/api/connections.routes.js';

/** Routes under /api/v1 that need an API token (SSWS). */
export const managementModules: RouteModule[] = [
  userRoutes,
  userSessionRoutes,
  userTypeRoutes,
  profileSchemaRoutes,
  groupRoutes,
  policyRoutes,
  inlineHookRoutes,
  eventHookRoutes,
  inlineHookCallRoutes,
  hookToolkitRoutes,
  systemLogRoutes,
  appRoutes,
  importRoutes,
  identitySourceRoutes,
  authorizationServerRoutes,
  hookKeyRoutes,
  factorRoutes,
  trustedOriginRoutes,
];

/**
 * The invoke URLs of API Endpoint flows (`/api/flo/*`): the hot path of hooks served by flows, in a scope of
 * their own without cookie or form parsing and without per-request logs.
 */
export const invokeModules: RouteModule[] = [invokeRoutes];

/** Routes anyone may call (each applies its own checks): hosted pages, OAuth, SAML, the console, the Workflows API. */
export const publicModules: RouteModule[] = [
  pageRoutes,
  oauthServerRoutes,
  registrationApiRoutes,
  authnRoutes,
  consoleRoutes,
  cardCatalogRoutes,
  inlineHookTypeRoutes,
  samlRoutes,
  workflowsApiRoutes,
  workflowTablesRoutes,
  workflowConnectionsRoutes,
  hookForwarderRoutes,
];
