import type { Card, Field, FieldType, FlowDefinition, Wire } from '../model/flow.schema.js';
import type { EngineContext } from './types.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { readNestedFlow } from '../flopack/graph.js';

/* Terse builders for flows in engine tests (a test kit: it may hand the engine Tollgate's cards). */

export function field(id: string, key: string, type: FieldType, extra: Partial<Field> = {}): Field {
  return { id, key, type, ...extra };
}

export function card(id: string, type: string, parts: Partial<Card> = {}): Card {
  return { id, type, name: parts.name ?? id, ...parts };
}

export function wire(from: string, to: string, extra: Partial<Wire> = {}): Wire {
  const [fromCard, fromField] = from.split('.');
  const [toCard, toField] = to.split('.');
  return { from: { card: fromCard, field: fromField }, to: { card: toCard, field: toField }, ...extra };
}

export function flow(cards: Card[], wires: Wire[] = []): FlowDefinition {
  return { name: 'test flow', cards, wires };
}

/** A clock that moves 1 ms each time it is read, from 2026-01-01T00:00:00Z. */
export function steppingClock(): () => Date {
  let now = Date.parse('2026-01-01T00:00:00.000Z');
  return () => new Date(now++);
}

export function engineContext(extra: Partial<EngineContext> = {}): EngineContext {
  return { executionId: 'exec-test', clock: steppingClock(), cards: defaultCardRegistry, readNestedFlow, ...extra };
}

/** A Compose card with a literal template. */
export function compose(id: string, template: string, extraInputs: Field[] = []): Card {
  return card(id, 'string:compose', {
    inputs: [field(`${id}Text`, '_text_', 'string', { value: template }), ...extraInputs],
    outputs: [field(`${id}Out`, 'output', 'string')],
  });
}
