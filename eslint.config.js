import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * One-way layers (README, "Architecture"): a room may import only the rooms below it. Each entry lists
 * what a room must not import; the rule runs in `npm test` (lint), so an arrow back up fails the build.
 */
const ROOMS = ['apps', 'authn', 'console', 'demo', 'events', 'factors', 'hooks', 'identity', 'identity-sources', 'imports', 'journeys', 'oauth', 'ops', 'pages', 'saml', 'workflows'];
const WORKFLOWS_ABOVE_ENGINE = ['host', 'store', 'invoke', 'api', 'cli', 'demo-flows'];
const outside = (rooms) => rooms.flatMap((room) => [`../${room}/**`, `../../${room}/**`, `../../../${room}/**`, `../../../../${room}/**`]);
const layers = [
  { files: ['src/platform/**/*.ts'], forbidden: outside(ROOMS), why: 'platform/ is the bottom layer: it imports no feature room' },
  { files: ['src/events/**/*.ts'], forbidden: outside(ROOMS.filter((room) => room !== 'events')), why: 'the events kernel sits just above platform/: sinks are passed in by the composition root' },
  {
    files: ['src/identity/**/*.ts'],
    forbidden: outside(ROOMS.filter((room) => !['identity', 'events'].includes(room))),
    why: 'identity sits below the feature rooms: they register with its ports (GroupMembershipListener, InternalCaller), and the journeys that call hooks live in journeys/',
  },
  {
    files: ['src/hooks/**/*.ts'],
    forbidden: outside(ROOMS.filter((room) => !['hooks', 'identity', 'events'].includes(room))),
    why: 'hooks sit above identity and below the rooms that call them: a hook type\'s contract (SAML assertion model, reserved claims) lives in hooks/inline, and the composition root hands the types in',
  },
  {
    files: ['src/workflows/model/**/*.ts'],
    forbidden: [...outside(ROOMS), ...['engine', 'cards', 'flopack', ...WORKFLOWS_ABOVE_ENGINE].flatMap((part) => [`../${part}/**`, `../../${part}/**`])],
    why: 'workflows/model is the bottom of Workflows',
  },
  {
    files: ['src/workflows/engine/**/*.ts', 'src/workflows/cards/**/*.ts'],
    forbidden: WORKFLOWS_ABOVE_ENGINE.flatMap((part) => [`../${part}/**`, `../../${part}/**`, `../../../${part}/**`]),
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
);
