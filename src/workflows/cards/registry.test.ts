import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readTemplate, templateFiles } from '../../../test/helpers/templates.js';
import { kernelAddress } from '../engine/card.js';
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

/**
 * Every card address in the corpus (flows, nested flows and error-handler flows alike), as
 * `module:key` → the full addresses seen.
 */
let corpusCache: Map<string, Set<string>> | undefined;

function corpusAddresses(): Map<string, Set<string>> {
  if (corpusCache) return corpusCache;
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
  corpusCache = found;
  return found;
}

/**
 * A kernel card is one Okta builds into Workflows itself: its address is `root:kernel:<module>:<version>:<key>`
 * (function cards, Helper Flow, API Endpoint, Delegated Flow). Connector cards live under
 * `root:channels:http:<connector>:…` (Okta, Slack, Tables `stash`, API Connector `httpfunctions`) and
 * are not kernel cards.
 */
function isKernelAddress(address: string): boolean {
  return address.startsWith('root:kernel:');
}

/** A connector card's address shaped like one of its module's cards found in the corpus (same version). */
function siblingAddress(type: string): string | undefined {
  const [module, key] = type.split(':');
  const sibling = CARD_DECLARATIONS.find((card) => card.type.startsWith(`${module}:`) && corpusAddresses().get(card.type)?.has(card.okta.address));
  return sibling?.okta.address.replace(/:[^:]+$/, `:${key}`);
}

/** The addresses a connector card would have under each version its module's cards carry in the corpus. */
function siblingVersionAddresses(type: string): string[] {
  const [module, key] = type.split(':');
  return [...corpusAddresses()].filter(([sibling]) => sibling.startsWith(`${module}:`))
    .flatMap(([, addresses]) => [...addresses].map((address) => address.replace(/:[^:]+$/, `:${key}`)));
}

describe('the card registration list', () => {
  test('holds every card the issue asks for', () => {
    expect(REQUIRED.filter((type) => !defaultCardRegistry.has(type))).toEqual([]);
  });

  test('implements every kernel card found in the 125 templates', () => {
    const kernel = [...corpusAddresses()].filter(([, addresses]) => [...addresses].some(isKernelAddress)).map(([type]) => type).sort();
    expect(kernel.length).toBeGreaterThanOrEqual(99); // 99 kernel card types in the corpus (May 2026 snapshot)
    expect(kernel.filter((type) => !defaultCardRegistry.has(type))).toEqual([]);
  });

  test('registers every card file, once, under the address its file is filed under', () => {
    const files = cardFiles().sort();
    // Okta's event cards sit apart from its action cards, in okta/events/.
    const fileOf = (card: (typeof CARD_DECLARATIONS)[number]) => card.type.replace(':', card.kind === 'event' && card.type.startsWith('okta:') ? '/events/' : '/');
    const declared = CARD_DECLARATIONS.map((card) => `${fileOf(card)}.card.ts`).sort();
    expect(declared).toEqual(files);
    expect(new Set(CARD_DECLARATIONS.map((card) => card.type)).size).toBe(CARD_DECLARATIONS.length);
  });

  test("uses Okta's exact addresses, as found in the real exports", () => {
    const corpus = corpusAddresses();
    for (const card of CARD_DECLARATIONS) {
      const seen = corpus.get(card.type);
      // A card the templates never use (To Upper Case) has the address form of its module; a connector
      // card (API Connector Patch) that of a sibling card the templates do use.
      // An Okta connector card the templates never use (Unsuspend User) may carry any connector version its siblings use.
      if (!seen && card.type.startsWith('okta:')) expect(siblingVersionAddresses(card.type), card.type).toContain(card.okta.address);
      else if (!seen) expect(card.okta.address, card.type).toBe(card.okta.address.startsWith('root:channels:') ? siblingAddress(card.type) : kernelAddress(card.type));
      else expect([...seen], `${card.type} address`).toContain(card.okta.address);
    }
  });

  test('declares each field key once per group, and every card has a title and description', () => {
    for (const card of CARD_DECLARATIONS) {
      expect(card.title, card.type).not.toBe('');
      expect(card.description, card.type).not.toBe('');
      for (const side of [card.inputs, card.outputs]) {
        const labels = side.map((field) => `${field.group ?? ''}.${field.key}`);
        expect(new Set(labels).size, `${card.type} fields`).toBe(labels.length);
      }
    }
  });
});
