import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readTemplate, templateFiles } from '../flopack/corpus.js';
import { CARD_DECLARATIONS, defaultCardRegistry } from './registry.js';

const CARDS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The cards issue 3 asks for, by Okta address. */
const REQUIRED = [
  'http:accept',
  'control:if',
  'control:join',
  'string:compose',
  'json:parse',
  'json:stringify',
  'httpfunctions:close',
  'control:returnRaw',
  'control:return',
  'control:throw',
  'control:throwIf',
  'control:continueIf',
  'control:let',
  'object:get',
  'object:pick',
  'object:construct',
  'string:split',
  'list:pop',
  'control:noop',
  'control:comment',
];

function cardFiles(dir = CARDS_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return cardFiles(`${dir}${entry.name}/`, `${prefix}${entry.name}/`);
    return entry.name.endsWith('.card.ts') ? [`${prefix}${entry.name}`] : [];
  });
}

/** Every card address in the corpus, as `module:key` → full address. */
function corpusAddresses(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of templateFiles()) {
    const text = JSON.stringify(readTemplate(file));
    for (const [, address] of text.matchAll(/"address":"(root:(?:kernel|channels:http):[^"]+)"/g)) {
      const parts = address.split(':');
      if (parts.length < 5) continue;
      const type = `${parts[parts.length - 3]}:${parts[parts.length - 1]}`;
      if (!found.has(type)) found.set(type, new Set());
      found.get(type)!.add(address);
    }
  }
  return found;
}

describe('the card registration list', () => {
  test('holds every card the issue asks for', () => {
    expect(REQUIRED.filter((type) => !defaultCardRegistry.has(type))).toEqual([]);
  });

  test('registers every card file, once, under the address its file is filed under', () => {
    const files = cardFiles().sort();
    const declared = CARD_DECLARATIONS.map((card) => `${card.type.replace(':', '/')}.card.ts`).sort();
    expect(declared).toEqual(files);
    expect(new Set(CARD_DECLARATIONS.map((card) => card.type)).size).toBe(CARD_DECLARATIONS.length);
  });

  test("uses Okta's exact addresses, as found in the real exports", () => {
    const corpus = corpusAddresses();
    for (const card of CARD_DECLARATIONS) {
      expect(corpus.get(card.type), `${card.type} appears in the templates`).toBeDefined();
      expect([...corpus.get(card.type)!], `${card.type} address`).toContain(card.okta.address);
    }
  });
});
