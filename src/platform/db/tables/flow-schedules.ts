/**
 * Scheduled flows (owner: the Workflows scheduler). Tables are added to `Database` through this
 * interface; their migration is 0009_flow_schedules.
 */
export interface FlowScheduleTables {
  flow_schedule_ticks: FlowScheduleTicksTable;
}

/**
 * One tick of one scheduled flow, claimed by the instance that runs it. The primary key (flow_id, tick)
 * makes the claim: of all instances that try to insert the same tick, one succeeds and runs the flow.
 */
export interface FlowScheduleTicksTable {
  flow_id: string;
  /** The tick (ISO time, UTC). */
  tick: string;
  /** The instance that claimed it (host/pid). */
  claimed_by: string;
  claimed_at: string;
  /** The execution the tick started (set when the run ends); null while it runs or when it could not start. */
  execution_id: string | null;
}
