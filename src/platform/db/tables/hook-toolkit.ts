/** The hook developer's toolkit: per-hook recorder and shadow settings, recorded calls, shadow comparisons. */
export interface HookToolkitTables {
  inline_hook_toolkit: InlineHookToolkitTable;
  inline_hook_recordings: InlineHookRecordingsTable;
  inline_hook_shadow_calls: InlineHookShadowCallsTable;
}

export interface InlineHookToolkitTable {
  hook_id: string;
  /** JSON `{maxCalls, maxAgeDays}`, or null: the hook's real calls are not recorded. */
  recording: string | null;
  /** JSON `{uri}`, or null: no shadow endpoint. */
  shadow: string | null;
  last_updated: string;
}

/** One real call of a recording hook (request redacted), kept within the hook's bounds. */
export interface InlineHookRecordingsTable {
  id: string;
  hook_id: string;
  call_id: string;
  request: string;
  reply: string | null;
  status_code: number | null;
  /** SUCCESS or FAILURE, as the runner decided. */
  outcome: string;
  error: string | null;
  duration_ms: number;
  created: string;
}

/** A shadow endpoint's answer to a copy of a real call, and how its decision compares with the real one. */
export interface InlineHookShadowCallsTable {
  id: string;
  hook_id: string;
  call_id: string;
  uri: string;
  request: string;
  /** JSON `{result, summary, commands}` of the real call and of the shadow's answer. */
  primary_decision: string;
  shadow_decision: string;
  shadow_status: number | null;
  shadow_reply: string | null;
  shadow_error: string | null;
  duration_ms: number;
  /** 1 when both decide the same (same result, same applied commands). */
  agree: number;
  created: string;
}
