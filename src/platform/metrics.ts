/**
 * Prometheus metrics of one server (`GET /metrics`). Each AppContext has its own Registry, because tests run
 * several servers in one process; the Node process metrics (CPU, memory, event loop, GC) are per process and
 * live in one shared registry, set up the first time a server asks for them.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  /** Requests answered, by method, route pattern (`/api/v1/users/:id`, `unmatched` for 404s) and status. */
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  /** Inline hook calls, by hook type and outcome (SUCCESS, FAILURE). */
  readonly inlineHookCalls: Counter<'type' | 'outcome'>;
  /** Outbox batches handled, by sink (eventHook, flow) and outcome (DELIVERED, RETRY, GIVE_UP, RELEASE, ERROR). */
  readonly eventDeliveries: Counter<'sink' | 'outcome'>;
  /** Flow executions recorded, by trigger and status. */
  readonly flowExecutions: Counter<'trigger' | 'status'>;
  /** This server's metrics and the process's, in the text exposition format. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

export interface MetricSources {
  /** PENDING outbox rows per sink, read on each scrape. */
  outboxPending?: () => Promise<Record<string, number>>;
}

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(sources: MetricSources = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const httpRequests = new Counter({
    name: 'tollgate_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers,
  });
  const inlineHookCalls = new Counter({
    name: 'tollgate_inline_hook_calls_total', help: 'Inline hook calls, by hook type and outcome', labelNames: ['type', 'outcome'] as const, registers,
  });
  const eventDeliveries = new Counter({
    name: 'tollgate_event_deliveries_total', help: 'Event outbox batches handled, by sink and outcome', labelNames: ['sink', 'outcome'] as const, registers,
  });
  const flowExecutions = new Counter({
    name: 'tollgate_flow_executions_total', help: 'Flow executions recorded, by trigger and status', labelNames: ['trigger', 'status'] as const, registers,
  });
  const { outboxPending } = sources;
  if (outboxPending) {
    new Gauge({
      name: 'tollgate_event_outbox_pending', help: 'Events waiting in the outbox for delivery, by sink', labelNames: ['sink'] as const, registers,
      async collect() {
        this.reset();
        for (const [sink, n] of Object.entries(await outboxPending())) this.set({ sink }, n);
      },
    });
  }
  return {
    registry, httpRequests, inlineHookCalls, eventDeliveries, flowExecutions,
    contentType: registry.contentType,
    async scrape() {
      return (await processMetrics().metrics()) + '\n' + (await registry.metrics());
    },
  };
}
