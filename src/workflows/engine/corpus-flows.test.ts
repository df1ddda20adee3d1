import { expect, test } from 'vitest';
import { readTemplate, templateFiles } from '../../../test/helpers/templates.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { readFlopack } from '../flopack/flopack.js';
import { readNestedFlow } from '../flopack/graph.js';
import { runFlow } from './run-flow.js';
import { findUnsupportedCards } from './support.js';
import type { EngineContext, EngineServices, FlowTrigger } from './types.js';

/*
 * Every flow of the 125 templates that uses only cards Tollgate has runs through the engine with
 * empty inputs. Cards may fail on the missing data (as in Okta), but the engine itself never does:
 * no execution ends with reason `flow` ("the engine failed", a bad start card).
 */
test('every template flow made only of implemented cards runs without the engine failing', async () => {
  const outcomes: Record<string, number> = {};
  for (const file of templateFiles()) {
    const flows = readFlopack(readTemplate(file)).flows;
    let runs = 0;
    const context = (executionId: string): EngineContext => ({ executionId, clock: () => new Date('2026-03-01T00:00:00Z'), cards: defaultCardRegistry, readNestedFlow, services, sleep: () => Promise.resolve(), random: () => 0.5 });
    const services: EngineServices = {
      callFlow: (flowId, trigger, parent) => {
        const called = flows.find((candidate) => candidate.id === flowId);
        if (!called) throw new Error(`${file}: no flow ${flowId}`);
        return runFlow(called, trigger, context(`${parent.executionId}/${++runs}`));
      },
    };
    for (const flow of flows) {
      if (findUnsupportedCards(flow, defaultCardRegistry, readNestedFlow).length > 0) continue;
      const start = flow.cards[0]?.type;
      const trigger: FlowTrigger =
        start === 'http:accept' ? { kind: 'http', method: 'POST', headers: {}, query: {}, body: '{}' } : start === 'control:callable' || start === 'http:delegated' ? { kind: 'call', inputs: {} } : { kind: 'manual' };
      const result = await runFlow(flow, trigger, context('exec'));
      expect(result.error?.reason, `${file}: ${flow.name}: ${result.error?.message}`).not.toBe('flow');
      const outcome = result.status === 'failed' ? 'failed' : (result.ending ?? 'completed');
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  }
  // 85 such flows in the May 2026 snapshot: most complete, return or halt; a few fail on missing inputs.
  expect((outcomes.completed ?? 0) + (outcomes.returned ?? 0) + (outcomes.halted ?? 0)).toBeGreaterThanOrEqual(70);
}, 120_000);
