import type { AppContext } from '../../platform/context.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { findUnsupportedCards } from '../engine/index.js';
import { readNestedFlow } from '../flopack/index.js';
import type { FlowDefinition, SecurityLevel } from '../model/index.js';
import { API_ENDPOINT_CARD, securityLevelOf } from '../runtime/flow-cache.js';
import type { FlowRow } from '../store/flows.store.js';

interface Link { href: string; hints?: { allow: string[] } }

/** A flow as the Workflows API shows it: its definition plus what the org adds (state, invoke URL, token). */
export interface FlowResource {
  id: string;
  name: string;
  description: string | null;
  /** ACTIVE (on) or INACTIVE (off). */
  status: 'ACTIVE' | 'INACTIVE';
  /** API Endpoint flows: `open` (public), `medium` (client token), `high` (OAuth 2.0, not supported). */
  securityLevel: SecurityLevel | null;
  saveAllData: boolean;
  /** The Okta folder the flow came in (`id`, `name`), for the console's list by folder. */
  folder: { id: string; name: string } | null;
  /** The flow's API Endpoint URL, when it starts with an API Endpoint card. */
  invokeUrl: string | null;
  /** The client token to call `invokeUrl` with, when the flow is secured by one. */
  clientToken: string | null;
  /** Cards Tollgate cannot run yet: the flow fails when it reaches one. */
  unsupportedCards: Array<{ id: string; type: string; name: string | null }>;
  created: string;
  lastUpdated: string;
  definition: FlowDefinition;
  _links: Record<string, Link>;
}

export function isEndpointFlow(definition: Pick<FlowDefinition, 'cards'>): boolean {
  return definition.cards[0]?.type === API_ENDPOINT_CARD;
}

/** Whether the flow needs a client token: an API Endpoint flow at the medium security level. */
export function needsClientToken(definition: FlowDefinition): boolean {
  return isEndpointFlow(definition) && securityLevelOf(definition) === 'medium';
}

export function invokeUrlOf(ctx: AppContext, alias: string): string {
  return `${ctx.config.issuer}/api/flo/${alias}/invoke`;
}

export function flowLinks(ctx: AppContext, id: string, active: boolean): Record<string, Link> {
  const self = `${ctx.config.issuer}/api/workflows/v1/flows/${encodeURIComponent(id)}`;
  const post = (href: string): Link => ({ href, hints: { allow: ['POST'] } });
  return {
    self: { href: self, hints: { allow: active ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
    ...(active ? { deactivate: post(`${self}/deactivate`) } : { activate: post(`${self}/activate`) }),
    export: { href: `${self}/export` },
    executions: { href: `${self}/executions` },
  };
}

function folderOf(definition: FlowDefinition, row: FlowRow): FlowResource['folder'] {
  if (!definition.folderId) return null;
  const stored = row.folder ? (JSON.parse(row.folder) as { data?: { name?: unknown } }) : undefined;
  const name = typeof stored?.data?.name === 'string' && stored.data.name ? stored.data.name : definition.folderId;
  return { id: definition.folderId, name };
}

export function toFlowResource(ctx: AppContext, row: FlowRow): FlowResource {
  const definition = JSON.parse(row.definition) as FlowDefinition;
  const endpoint = isEndpointFlow(definition);
  const active = row.status === 'ACTIVE';
  return {
    id: row.id,
    name: row.name,
    description: definition.description ?? null,
    status: active ? 'ACTIVE' : 'INACTIVE',
    securityLevel: endpoint ? securityLevelOf(definition) : null,
    saveAllData: definition.saveAllData === true,
    folder: folderOf(definition, row),
    invokeUrl: endpoint ? invokeUrlOf(ctx, row.alias) : null,
    clientToken: endpoint && needsClientToken(definition) && row.client_token_encrypted ? ctx.secrets.decrypt(row.client_token_encrypted) : null,
    unsupportedCards: findUnsupportedCards(definition, defaultCardRegistry, readNestedFlow).map((card) => ({ id: card.id, type: card.type, name: card.name ?? null })),
    created: row.created,
    lastUpdated: row.last_updated,
    definition,
    _links: flowLinks(ctx, row.id, active),
  };
}
