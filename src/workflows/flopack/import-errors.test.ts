import { describe, expect, test } from 'vitest';
import { contractorsFlopack } from '../../../test/helpers/fixture-flopack.js';
import { describeWithTemplates, readTemplate } from '../../../test/helpers/templates.js';
import { readFlopack, writeFlopack, flopackOf } from './flopack.js';
import { FlopackError } from './okta-json.js';

type Json = Record<string, any>;
const template = () => readTemplate('validate_email_domain_using_registration_inline_ho') as Json;
const onlyFlow = (pack: Json) => Object.values(pack.data.flos)[0] as Json;
const methods = (pack: Json) => onlyFlow(pack).data.methods as Json[];
const firstKey = (record: Json) => Object.keys(record)[0];

describe('reading a malformed or hostile export fails clearly', () => {
  test.each<[string, (pack: Json) => unknown, RegExp]>([
    ['not an object', () => [1, 2], /^expected an object$/],
    ['another kind of file', (pack) => ({ ...pack, type: 'workflow' }), /not an Okta Workflows export .*"workflow"/],
    ['no flows', (pack) => ({ ...pack, data: { ...pack.data, flos: [] } }), /^data\.flos: expected an object$/],
    ['a card without an address', (pack) => { delete onlyFlow(pack).data.methods[2].address; return pack; }, /methods\[2\]\.address: expected non-empty text/],
    ['a card address of an unknown shape', (pack) => { onlyFlow(pack).data.methods[0].address = 'root:elsewhere'; return pack; }, /'root:elsewhere' is not a card address/],
    ['two cards with one id', (pack) => { const cards = methods(pack); cards[1].uuid = cards[0].uuid; return pack; }, /card id 'endpoint' is used twice/],
    ['an ordering to a card that is not there', (pack) => { onlyFlow(pack).data.orderings.bad = ['endpoint', 'ghost']; return pack; }, /names card 'ghost'/],
    ['a pin to a card that is not there', (pack) => { const pins = methods(pack)[0].pins; pins[firstKey(pins)].ghost = [{ input: 'x', transform: null }]; return pack; }, /goes to card 'ghost'/],
    ['a card not connected to the rest', (pack) => { const orderings = onlyFlow(pack).data.orderings; delete orderings[Object.keys(orderings).at(-1)!]; return pack; }, /exactly one card|not connected/],
    ['a field without a type', (pack) => { const outputs = methods(pack)[0].node.model.outputs.data; delete outputs[firstKey(outputs)].value.type; return pack; }, /a field needs a type/],
    ['a flow filed under another id', (pack) => { const flos = pack.data.flos; const [key] = Object.keys(flos); flos.other = flos[key]; delete flos[key]; return pack; }, /filed under 'other'/],
  ])('%s', (_name, spoil, message) => {
    const spoiled = spoil(contractorsFlopack());
    expect(() => readFlopack(spoiled)).toThrow(FlopackError);
    expect(() => readFlopack(spoiled)).toThrow(message);
  });

  test('reading never changes the JSON it was given', () => {
    const pack = contractorsFlopack();
    const before = JSON.stringify(pack);
    writeFlopack(readFlopack(pack));
    expect(JSON.stringify(pack)).toBe(before);
  });
});

describeWithTemplates('exporting edited Okta flows', () => {
  test('removing a card from an imported flow rebuilds the orderings, keeping the ids of edges that remain', () => {
    const pack = template();
    const contents = readFlopack(pack);
    const flow = contents.flows[0];
    const originalOrderings = onlyFlow(pack).data.orderings as Record<string, [string, string]>;
    // Drop the Comment card that sits between the API Endpoint and Get Multiple.
    flow.cards = flow.cards.filter((card) => card.type !== 'control:comment');
    const exported = onlyFlow(writeFlopack(contents));
    const orderings = exported.data.orderings as Record<string, [string, string]>;
    expect(Object.values(orderings)).toContainEqual(['INyeh9PIW', 't9w1TR-qC']);
    expect(Object.values(orderings).flat()).not.toContain('HZ4eBUbRC');
    expect(exported.data.methods.map((method: Json) => method.uuid)).not.toContain('HZ4eBUbRC');
    for (const [id, edge] of Object.entries(orderings)) if (originalOrderings[id]) expect(edge).toEqual(originalOrderings[id]);
    // And it reads back to the same structure.
    expect(readFlopack(writeFlopack(contents)).flows[0].cards.map((card) => card.id)).toEqual(flow.cards.map((card) => card.id));
  });

});

describe('exporting new flows', () => {
  test('a new export of Tollgate flows is a flopack Okta can read back', () => {
    const flow = readFlopack(contractorsFlopack()).flows[0];
    const pack = flopackOf([flow], { created: new Date('2026-02-03T04:05:06.000Z') });
    expect(pack).toMatchObject({ type: 'flopack', version: '1.5.0', created: '2026-02-03T04:05:06.000Z', flags: { looseNulls: true } });
    expect(readFlopack(JSON.parse(JSON.stringify(pack))).flows[0].cards).toEqual(flow.cards);
  });
});

describe('ids that would reach JavaScript prototypes', () => {
  // Written as JSON text: JSON.parse makes "__proto__" an own property, as a hostile file would.
  test.each([
    ['a pin output id', '"email":{"splitEmail"', '"__proto__":{"splitEmail"'],
    ['a card id', '"uuid":"readEmail"', '"uuid":"constructor"'],
    ['a field id', '"id":"headers"', '"id":"__proto__"'],
  ])('are refused: %s', (_name, original, hostile) => {
    const text = JSON.stringify(contractorsFlopack());
    expect(text).toContain(original);
    expect(() => readFlopack(JSON.parse(text.replace(original, hostile)))).toThrow(/cannot be used as an id/);
    expect(({} as Record<string, unknown>).splitEmail).toBeUndefined();
  });
});
