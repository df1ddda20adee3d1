import { describe, expect, test } from 'vitest';
import { contractorsFlow } from '../demo-flows/contractors.js';
import { readFlopack } from '../flopack/flopack.js';
import { readTemplate } from '../../../test/helpers/templates.js';
import type { FlowDefinition } from './flow.schema.js';
import { formatFlow, normalizeFlow } from './canonical.js';
import { validateFlow } from './validate-flow.js';
import { allCards } from './walk.js';

const clone = (flow: FlowDefinition): FlowDefinition => structuredClone(flow);

describe('the flow document', () => {
  test('is formatted with one key order, whatever order it was written in', () => {
    const shuffled = JSON.parse(JSON.stringify(contractorsFlow), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    ) as FlowDefinition;
    expect(Object.keys(shuffled)[0]).toBe('wires');
    expect(formatFlow(shuffled)).toBe(formatFlow(contractorsFlow));
    expect(Object.keys(normalizeFlow(shuffled))).toEqual(['format', 'id', 'name', 'description', 'securityLevel', 'saveAllData', 'cards', 'wires']);
    expect(formatFlow(contractorsFlow).endsWith('}\n')).toBe(true);
  });

  test('an imported flow keeps its Okta ids and formats stably', () => {
    const flow = readFlopack(readTemplate('validate_email_domain_using_registration_inline_ho')).flows[0];
    expect(allCards(flow).map((card) => card.id)).toContain('mhpbOoBeQ');
    expect(formatFlow(JSON.parse(formatFlow(flow)) as FlowDefinition)).toBe(formatFlow(flow));
  });

  test('every template flow that passes import is sound', () => {
    for (const name of ['workflows_tutorials', 'validate_email_domain_using_registration_inline_ho', 'send_notifications_for_a_breached_password_event']) {
      for (const flow of readFlopack(readTemplate(name)).flows) expect(validateFlow(flow), `${name}: ${flow.name}`).toEqual([]);
    }
  });
});

describe('validateFlow names what is wrong and where', () => {
  test.each<[string, (flow: FlowDefinition) => void, RegExp]>([
    ['schema', (flow) => ((flow as { name: unknown }).name = 42), /Expected string/],
    ['unknown property', (flow) => ((flow.cards[0] as Record<string, unknown>).colour = 'red'), /Unexpected property/],
    ['a card id used twice', (flow) => (flow.cards[2].id = flow.cards[1].id), /card id 'readEmail' is used twice/],
    ['a wire from a missing output', (flow) => (flow.wires[0].from.field = 'nope'), /comes from output 'nope'/],
    ['a wire to a missing card', (flow) => (flow.wires[0].to.card = 'ghost'), /goes to card 'ghost', which is not in the flow/],
    ['a wire backwards', (flow) => flow.wires.push({ from: { card: 'parseCommands', field: 'object' }, to: { card: 'readEmail', field: 'object' } }), /which does not run after it/],
    ['an unknown conversion', (flow) => (flow.wires[0].convert = 'reverse'), /unknown conversion 'reverse'/],
    ['an If/Else without its Join', (flow) => flow.cards.splice(5, 1), /must be followed by a Join/],
    ['an If/Else with one branch', (flow) => flow.cards[4].branches!.pop(), /exactly one true and one false branch/],
    ['branches on another card', (flow) => (flow.cards[1].branches = []), /is not an If\/Else and cannot have branches/],
  ])('%s', (_name, spoil, message) => {
    const flow = clone(contractorsFlow);
    spoil(flow);
    const problems = validateFlow(flow);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(message);
  });
});

describe('ids that would reach JavaScript prototypes', () => {
  test.each(['__proto__', 'constructor', 'prototype'])('%s is not a valid card, field or join id', (id) => {
    const asCard = clone(contractorsFlow);
    asCard.cards[1].id = id;
    expect(validateFlow(asCard).map((problem) => problem.path)).toContain('/cards/1/id');
    const asJoin = JSON.parse(JSON.stringify(contractorsFlow).replace('"joins":{"commandsIn"', `"joins":{"${id}"`)) as FlowDefinition;
    expect(validateFlow(asJoin).length).toBeGreaterThan(0);
  });
});
