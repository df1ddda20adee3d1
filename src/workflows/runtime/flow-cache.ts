import type { AppContext } from '../../platform/context.js';
import { prepareFlow, type PreparedFlow } from '../engine/index.js';
import type { FlowDefinition, SecurityLevel } from '../model/index.js';
import { findFlowRow, findFlowRowByAlias, flowVersionByAlias, flowVersionById, type FlowRow } from '../store/flows.store.js';

/** How long a cached flow is used before its version is checked against the database again. */
const REVALIDATE_MS = 1_000;

/** A stored flow, ready to run: parsed and indexed once per stored version. */
export interface RunnableFlow {
  id: string;
  name: string;
  alias: string;
  active: boolean;
  version: number;
  /** The flow starts with an API Endpoint card, so it has an invoke URL. */
  isEndpoint: boolean;
  securityLevel: SecurityLevel;
  /** The client token in clear (medium security), if the flow has one. */
  clientToken?: string;
  saveAllData: boolean;
  prepared: PreparedFlow;
}

export const API_ENDPOINT_CARD = 'http:accept';

/** Okta's default for an API Endpoint flow is a client token; a flow that does not say gets that. */
export function securityLevelOf(definition: FlowDefinition): SecurityLevel {
  return definition.securityLevel ?? 'medium';
}

export function runnableFlowOf(ctx: AppContext, row: FlowRow): RunnableFlow {
  const definition = JSON.parse(row.definition) as FlowDefinition;
  return {
    id: row.id,
    name: row.name,
    alias: row.alias,
    active: row.status === 'ACTIVE',
    version: Number(row.version),
    isEndpoint: definition.cards[0]?.type === API_ENDPOINT_CARD,
    securityLevel: securityLevelOf(definition),
    clientToken: row.client_token_encrypted ? ctx.secrets.decrypt(row.client_token_encrypted) : undefined,
    saveAllData: definition.saveAllData === true,
    prepared: prepareFlow(definition),
  };
}

/**
 * Flows by invoke alias, so that an invocation does not parse and index a flow each time. A cached flow
 * is trusted for a second, then its version is checked (one indexed read); changes made through this
 * process are seen at once (`forget`), changes made by another instance within a second.
 */
export class FlowCache {
  private readonly byAlias = new Map<string, { flow: RunnableFlow; checkedAt: number }>();
  /** Flows called by id (helper flows, event and scheduled flows), cached the same way. */
  private readonly byId = new Map<string, { flow: RunnableFlow; checkedAt: number }>();

  constructor(private readonly ctx: AppContext) {}

  /** The flow at this invoke alias. */
  get(alias: string): Promise<RunnableFlow | undefined> {
    return this.cached(this.byAlias, alias, flowVersionByAlias, findFlowRowByAlias);
  }

  /** The flow with this id. */
  getById(id: string): Promise<RunnableFlow | undefined> {
    return this.cached(this.byId, id, flowVersionById, findFlowRow);
  }

  private async cached(
    cache: Map<string, { flow: RunnableFlow; checkedAt: number }>,
    key: string,
    versionOf: (db: AppContext['db'], key: string) => Promise<number | undefined>,
    rowOf: (db: AppContext['db'], key: string) => Promise<FlowRow | undefined>,
  ): Promise<RunnableFlow | undefined> {
    const entry = cache.get(key);
    const now = Date.now();
    if (entry && now - entry.checkedAt < REVALIDATE_MS) return entry.flow;
    if (entry && (await versionOf(this.ctx.db, key)) === entry.flow.version) {
      entry.checkedAt = now;
      return entry.flow;
    }
    const row = await rowOf(this.ctx.db, key);
    if (!row) {
      cache.delete(key);
      return undefined;
    }
    const flow = runnableFlowOf(this.ctx, row);
    cache.set(key, { flow, checkedAt: now });
    return flow;
  }

  /** Forgets a flow after a change through this process (by alias; its id entry goes too). */
  forget(alias: string): void {
    const entry = this.byAlias.get(alias);
    this.byAlias.delete(alias);
    if (entry) this.byId.delete(entry.flow.id);
    for (const [id, cached] of this.byId) if (cached.flow.alias === alias) this.byId.delete(id);
  }
}
