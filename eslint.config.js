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
};
const WORKFLOWS_ABOVE_ENGINE = ['host', 'store', 'invoke', 'api', 'cli', 'demo-flows'];
const layers = [
  ...ROOMS.map((room) => ({
    files: [`src/${room}/**/*.ts`],
    forbidden: notBelow(room),
    why: WHY[room] ?? `${room}/ imports only rooms of the layers below its own (${LAYERS.find((rooms) => rooms.includes(room)).join(' · ')}) and no root file`,
  })),
  {
    // TEMPORARY (issue 14): the hooks branch moves the SAML assertion model and patch and the reserved token
    // claims into hooks/inline; delete this entry when it is merged (test/room-graph.test.ts has the same list).
    files: ['src/hooks/inline/preview-decisions.ts', 'src/hooks/inline/preview-samples.ts', 'src/hooks/inline/saml.inline-hook.ts'],
    forbidden: notBelow('hooks', ['oauth', 'saml']),
    why: 'hooks/ imports only rooms of the layers below its own (apps · hooks · workflows) and no root file',
  },
  {
    files: ['src/workflows/model/**/*.ts'],
    forbidden: [...outside(ROOMS.filter((room) => room !== 'platform')), ...rootFiles, ...['engine', 'cards', 'flopack', ...WORKFLOWS_ABOVE_ENGINE].flatMap((part) => [`../${part}/**`, `../../${part}/**`])],
    why: 'workflows/model is the bottom of Workflows',
  },
  {
    files: ['src/workflows/engine/**/*.ts', 'src/workflows/cards/**/*.ts'],
    forbidden: [...notBelow('workflows'), ...WORKFLOWS_ABOVE_ENGINE.flatMap((part) => [`../${part}/**`, `../../${part}/**`, `../../../${part}/**`])],
    why: 'the engine and the cards run flows; the runtime, store and API above them are the host\'s',
  },
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
