import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * One-way layers (README, "Architecture"): a room may import only the rooms below it. Each entry lists
 * what a room must not import; the rule runs in `npm test` (lint), so an arrow back up fails the build.
 */
const ROOMS = ['apps', 'authn', 'console', 'demo', 'events', 'factors', 'hooks', 'identity', 'identity-sources', 'imports', 'journeys', 'oauth', 'ops', 'pages', 'saml', 'workflows'];
const outside = (rooms) => rooms.flatMap((room) => [`../${room}/**`, `../../${room}/**`, `../../../${room}/**`, `../../../../${room}/**`]);
/*
 * Inside workflows/, bottom up: model ← engine ← cards ← flopack ← store ← runtime ← api / invoke / cli.
 * Each part may import only the parts before it. The engine takes the cards (and flopack's reader of
 * nested flows) as input; demo-flows is a flow definition on the model alone, used by src/demo.
 */
const WORKFLOWS_LAYERS = ['model', 'engine', 'cards', 'flopack', 'store', 'runtime'];
const WORKFLOWS_TOP = ['api', 'invoke', 'cli'];
const WORKFLOWS_PARTS = [...WORKFLOWS_LAYERS, 'demo-flows', ...WORKFLOWS_TOP];
const above = (layer) => WORKFLOWS_PARTS.slice(WORKFLOWS_LAYERS.indexOf(layer) + 1);
const workflowsLayer = (part, forbidden, why) => ({ files: [`src/workflows/${part}/**/*.ts`], forbidden: outside(forbidden), why });
const layers = [
  { files: ['src/platform/**/*.ts'], forbidden: outside(ROOMS), why: 'platform/ is the bottom layer: it imports no feature room' },
  { files: ['src/events/**/*.ts'], forbidden: outside(ROOMS.filter((room) => room !== 'events')), why: 'the events kernel sits just above platform/: sinks are passed in by the composition root' },
  {
    files: ['src/identity/**/*.ts'],
    forbidden: outside(ROOMS.filter((room) => !['identity', 'events'].includes(room))),
    why: 'identity sits below the feature rooms: they register with its ports (GroupMembershipListener, InternalCaller), and the journeys that call hooks live in journeys/',
  },
  { files: ['src/workflows/model/**/*.ts'], forbidden: outside([...ROOMS, ...above('model')]), why: 'workflows/model is the bottom of Workflows' },
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
);
