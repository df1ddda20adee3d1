/**
 * The inline hook types the server knows, with the names Okta's Admin Console gives them, their rules and
 * request types: read from the server (`GET /api/console/v1/inlineHookTypes`), once per page load.
 */
import { api } from '../../api/client';
import type { InlineHookTypeInfo } from '../../api/types';
import { useLoad, type Loaded } from '../../ui/hooks';

export const INLINE_HOOK_TYPES_API = '/api/console/v1/inlineHookTypes';

let loaded: Promise<InlineHookTypeInfo[]> | undefined;

/** The types (the list does not change while the server runs; a failed load is tried again next time). */
export function loadHookTypes(): Promise<InlineHookTypeInfo[]> {
  loaded ??= api.get<InlineHookTypeInfo[]>(INLINE_HOOK_TYPES_API).then((res) => res.data);
  loaded.catch(() => { loaded = undefined; });
  return loaded;
}

export function useHookTypes(): Loaded<InlineHookTypeInfo[]> {
  return useLoad(loadHookTypes, []);
}

/** The type's name ("Registration"), or the wire name while the types load or for a type the server does not know. */
export function hookTypeLabel(types: InlineHookTypeInfo[] | undefined, type: string): string {
  return types?.find((t) => t.type === type)?.name ?? type;
}

/** What the type's flow does when the hook fails, in a few words. */
export const FAILURE_WORDS: Record<InlineHookTypeInfo['failure'], string> = {
  closed: 'Fails closed: the process stops (for example, the registration is denied)',
  open: 'Fails open: the process goes on unchanged',
  fallback: 'Falls back to Tollgate\'s own provider',
};
