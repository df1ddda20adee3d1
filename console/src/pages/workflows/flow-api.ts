import { flowTrigger, triggerText } from '../../components/flow-trigger';

/**
 * The Workflows API (DESIGN.md "Public interfaces": /api/workflows/v1) as the console reads it: a flow is
 * its definition (Tollgate's flow format) plus what the org adds (on/off, folder, invoke URL, token).
 */
export const WORKFLOWS_API = '/api/workflows/v1';

export interface FieldRef { card: string; field: string }
export interface Wire { from: FieldRef; to: FieldRef; convert?: string; forceWrapArray?: boolean; okta?: Record<string, unknown> }
export interface FlowGraph { cards: Card[]; wires: Wire[] }
export interface Field {
  id: string;
  key: string;
  type: unknown;
  list?: boolean;
  group?: string;
  label?: string;
  custom?: boolean;
  value?: unknown;
  flow?: FlowGraph;
  okta?: Record<string, unknown>;
}
export interface Branch { when: boolean; head?: Card; cards: Card[] }
export interface Card {
  id: string;
  type: string;
  name?: string;
  inputs?: Field[];
  outputs?: Field[];
  branches?: Branch[];
  joins?: Record<string, Array<{ output: string }>>;
  comments?: unknown;
  onError?: unknown;
  okta?: Record<string, unknown>;
}

export interface FlowDefinition extends FlowGraph {
  format?: string;
  id?: string;
  name: string;
  description?: string;
  securityLevel?: 'open' | 'medium' | 'high';
  saveAllData?: boolean;
  folderId?: string;
  okta?: Record<string, unknown>;
}

export interface Flow {
  id: string;
  name: string;
  description: string | null;
  status: 'ACTIVE' | 'INACTIVE';
  securityLevel: 'open' | 'medium' | 'high' | null;
  saveAllData: boolean;
  folder?: { id: string; name: string } | null;
  invokeUrl: string | null;
  clientToken: string | null;
  unsupportedCards: Array<{ id: string; type: string; name: string | null }>;
  created: string;
  lastUpdated: string;
  definition: FlowDefinition;
}

export interface CardRecord {
  cardId: string;
  cardType: string;
  cardName?: string;
  status: 'succeeded' | 'failed';
  startedAt: string;
  durationMs: number;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string;
}

export interface Execution {
  id: string;
  flowId: string;
  flowName: string;
  status: string;
  trigger: string;
  started: string;
  finished: string;
  durationMs: number;
  ending: string | null;
  statusCode: number | null;
  answeredBy: string | null;
  error: { message: string; cardId?: string; cardName?: string; reason?: string } | null;
  failedCard: { id: string; name: string | null } | null;
  dataSaved: boolean;
  haltMessage?: string | null;
  answer?: { statusCode: number; headers: Record<string, string>; body: unknown } | null;
  outputs?: Record<string, unknown>;
  cards?: CardRecord[];
}

export interface ImportResult {
  flows: Flow[];
  created: number;
  replaced: number;
  /** Names of the tables imported with the flows. */
  tables: string[];
  /** The file's connections as stored now (bound: a re-import keeps an existing binding). */
  connections?: Array<{ id: string; name: string; connector: string; bound: boolean }>;
  ignored: { tables: string[]; connections: string[] };
}

export interface CardFieldSpec { key: string; type: unknown; list?: boolean; group?: string; label?: string; value?: unknown }

export interface CardCatalogEntry {
  type: string;
  title: string;
  description: string;
  kind: 'event' | 'function' | 'note';
  inputs: CardFieldSpec[];
  outputs: CardFieldSpec[];
  extensible: { inputs: boolean; outputs: boolean };
}

export function folderName(flow: Flow): string {
  return flow.folder?.name ?? 'Unfiled';
}

/** Okta's names for field types. */
export function typeLabel(field: Pick<Field, 'type' | 'list'>): string {
  const names: Record<string, string> = { string: 'Text', number: 'Number', boolean: 'True/False', Date: 'Date & Time', object: 'Object', flo: 'Flow', file: 'File' };
  const base = typeof field.type === 'string' ? names[field.type] ?? field.type : 'Object';
  return field.list ? `List of ${base}` : base;
}

export function fieldName(field: Pick<Field, 'label' | 'key'>): string {
  return field.label ?? field.key;
}

/** The trigger of a flow, as Okta names it: API Endpoint, Helper Flow, Scheduled (in words) or the event card. */
export function triggerOf(definition: FlowDefinition): string {
  return triggerText(flowTrigger(definition));
}
