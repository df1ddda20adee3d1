import fs from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { LAYERS } from './scripts/room-graph.mjs';

/*
 * One-way layers (README, "Architecture"): a room may import only the rooms of the layers below its own
 * (LAYERS in scripts/room-graph.mjs, which test/room-graph.test.ts checks on the whole graph), and no room
 * imports a root file (src/*.ts: the composition root and the CLI). Each entry lists what its files must not
 * import; the rule runs in `npm test` (lint), so an arrow back up fails the build. A file gets the last entry
 * that matches it, so the entries inside workflows/ repeat the room's own.
 */
const ROOMS = LAYERS.flat();
const ROOT_FILES = fs.readdirSync(new URL('./src', import.meta.url)).filter((name) => name.endsWith('.ts')).map((name) => name.replace(/\.ts$/, '.js'));
const UP = ['../', '../../', '../../../', '../../../../'];
const outside = (rooms) => rooms.flatMap((room) => UP.map((up) => `${up}${room}/**`));
const rootFiles = ROOT_FILES.flatMap((name) => UP.map((up) => `${up}${name}`));
/** What a room's files must not import: the rooms of its own layer and above, and the root files. */
const notBelow = (room, allowed = []) => {
  const layer = LAYERS.findIndex((rooms) => rooms.includes(room));
  return [...outside(LAYERS.slice(0, layer + 1).flat().filter((other) => other !== room && !allowed.includes(other))), ...rootFiles];
};
const WHY = {
  platform: 'platform/ is the bottom layer: it imports no feature room (the hosted pages\' HTML kit is platform/html)',
  events: 'the events kernel sits just above platform/: sinks are passed in by the composition root',
  identity: 'identity sits below the feature rooms: they register with its ports (GroupMembershipListener, InternalCaller), and the journeys that call hooks live in journeys/',
  apps: 'apps/ sits below oauth/ and saml/: a SAML app\'s settings, URLs and signing key are apps/saml/',
  hooks: 'hooks sit above identity and below the rooms that call them: a hook type\'s contract (SAML assertion model, reserved claims) lives in hooks/inline, and the composition root hands the types in',
};
/*
 * Inside workflows/, bottom up: model ← engine ← cards ← flopack ← store ← runtime ← api / invoke / cli.
 * Each part may import only the parts before it. The engine takes the cards (and flopack's reader of
 * nested flows) as input; demo-flows is a flow definition on the model alone, used by src/demo. Each entry
 * repeats the workflows room's own rule (a file gets the last entry that matches it).
 */
const WORKFLOWS_LAYERS = ['model', 'engine', 'cards', 'flopack', 'store', 'runtime'];
const WORKFLOWS_TOP = ['api', 'invoke', 'cli'];
const WORKFLOWS_PARTS = [...WORKFLOWS_LAYERS, 'demo-flows', ...WORKFLOWS_TOP];
const above = (layer) => WORKFLOWS_PARTS.slice(WORKFLOWS_LAYERS.indexOf(layer) + 1);
const workflowsLayer = (part, forbidden, why) => ({ files: [`src/workflows/${part}/**/*.ts`], forbidden: [...notBelow('workflows'), ...outside(forbidden)], why });
const layers = [
  ...ROOMS.map((room) => ({
    files: [`src/${room}/**/*.ts`],
    forbidden: notBelow(room),
    why: WHY[room] ?? `${room}/ imports only rooms of the layers below its own (${LAYERS.find((rooms) => rooms.includes(room)).join(' · ')}) and no root file`,
  })),
  { files: ['src/workflows/model/**/*.ts'], forbidden: [...outside(ROOMS.filter((room) => room !== 'platform')), ...rootFiles, ...outside(above('model'))], why: 'workflows/model is the bottom of Workflows' },
  workflowsLayer('engine', above('engine'), 'the engine runs flows on the cards it is handed; it imports no card, no flopack code and nothing of the host'),
  workflowsLayer('cards', above('cards'), 'cards are declared on the engine alone; flopack, the store and the runtime read them'),
  workflowsLayer('flopack', above('flopack'), 'flopack translates Okta files to and from flows; the store and runtime use it'),
  workflowsLayer('store', above('store'), 'workflows/store reads and writes the tables; the runtime and API above it call it'),
  workflowsLayer('runtime', above('runtime'), 'the runtime runs stored flows in the server; the API, invoke routes and CLI call it, never the reverse'),
  workflowsLayer('demo-flows', WORKFLOWS_PARTS.filter((part) => part !== 'model' && part !== 'demo-flows'), 'demo-flows are flow definitions on the model alone'),
  workflowsLayer('api', ['invoke', 'cli'], 'the Workflows API and the invoke routes are peers above the runtime; the CLI sits above both'),
  workflowsLayer('invoke', ['api', 'cli'], 'the invoke routes and the Workflows API are peers above the runtime; the CLI sits above both'),
].map(({ files, forbidden, why }) => ({
  files,
  ignores: ['**/*.test.ts', '**/test-kit.ts', '**/*-test-kit.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: `One-way layers: ${why}.` }] }] },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/peers/**', 'data/**', 'console/dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layers,
  {
    // `any` stays allowed where code pokes at unknown shapes on purpose: tests, test kits, benchmarks.
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-kit.ts', '**/*-test-kit.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
);
