/**
 * The Workflows API (DESIGN.md "Public interfaces": /api/workflows/v1) as the console reads it. A flow is
 * Tollgate's flow definition plus its server-side state (on/off, invoke URL, client token).
 */
export const WORKFLOWS_API = '/api/workflows/v1';

export interface FieldRef { card: string; field: string }
export interface Wire { from: FieldRef; to: FieldRef; convert?: string; forceWrapArray?: boolean }
export interface Field {
  id: string;
  key: string;
  type: unknown;
  list?: boolean;
  group?: string;
  label?: string;
  custom?: boolean;
  value?: unknown;
  flow?: { cards: Card[]; wires: Wire[] };
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
  okta?: Record<string, unknown>;
}

export interface Flow {
  id: string;
  name: string;
  description?: string;
  securityLevel?: 'open' | 'medium' | 'high';
  saveAllData?: boolean;
  folderId?: string;
  folder?: string | { id?: string; name?: string } | null;
  folderName?: string;
  cards: Card[];
  wires: Wire[];
  active?: boolean;
  status?: string;
  alias?: string;
  invokeUrl?: string | null;
  clientToken?: string | null;
  created?: string;
  lastUpdated?: string;
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
  executionId?: string;
  flowId?: string;
  flowName?: string;
  status: string;
  ending?: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  error?: { message: string; cardId?: string; cardName?: string } | null;
  answer?: { statusCode: number; headers: Record<string, string>; body: unknown } | null;
  cards?: CardRecord[];
}

export function isOn(flow: Flow): boolean {
  return flow.active ?? flow.status === 'ACTIVE';
}

export function folderOf(flow: Flow): string {
  if (flow.folderName) return flow.folderName;
  if (typeof flow.folder === 'string') return flow.folder;
  if (flow.folder && typeof flow.folder === 'object') return flow.folder.name ?? flow.folder.id ?? 'Default folder';
  return flow.folderId ?? 'Default folder';
}
