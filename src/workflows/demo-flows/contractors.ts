import { FLOW_FORMAT, type FlowDefinition } from '../model/flow.schema.js';

/**
 * The acceptance flow of DESIGN.md, "Registration hook: contractors", authored in Tollgate's own
 * flow format. Served as a registration inline hook: the API Endpoint gets Okta's hook request,
 * Get Multiple reads `data.userProfile.email` from the parsed body, Split and Get Last Item take its
 * domain, If/Else asks whether that is `atko.email`, each branch composes the commands JSON as text,
 * the Join merges them, JSON Parse turns the text into an object and API Connector Close answers
 * 200 with it:
 *   atko.email   → {"commands":[{"type":"com.okta.user.profile.update","value":{"userType":"Contractor"}}]}
 *   anything else → {"commands":[]}
 */
export const CONTRACTOR_DOMAIN = 'atko.email';

export const CONTRACTOR_COMMANDS = '{"commands":[{"type":"com.okta.user.profile.update","value":{"userType":"Contractor"}}]}';
export const NO_COMMANDS = '{"commands":[]}';

export const contractorsFlow: FlowDefinition = {
  format: FLOW_FORMAT,
  id: '3c2b7c1e-5d0a-4f7e-9b1a-6a7f0c1d2e3f',
  name: 'Registration hook: contractors',
  description: 'Registration inline hook: sign-ups with an atko.email address become contractors (profile.userType = "Contractor").',
  securityLevel: 'medium',
  saveAllData: true,
  cards: [
    {
      id: 'endpoint',
      type: 'http:accept',
      name: 'API Endpoint',
      outputs: [
        { id: 'headers', key: 'headers', type: 'object', group: 'raw', value: {} },
        { id: 'body', key: 'body', type: 'string', group: 'raw', value: '' },
        { id: 'query', key: 'query', type: 'string', group: 'raw', value: '' },
        { id: 'executionId', key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
      ],
    },
    {
      id: 'readEmail',
      type: 'object:pick',
      name: 'Get Multiple',
      inputs: [{ id: 'object', key: 'object', type: 'object', value: {} }],
      outputs: [{ id: 'email', key: 'data.userProfile.email', type: 'string', custom: true }],
    },
    {
      id: 'splitEmail',
      type: 'string:split',
      name: 'Split',
      inputs: [
        { id: 'text', key: 'string', type: 'string', label: 'text' },
        { id: 'separator', key: 'delimiter', type: 'string', label: 'separator', value: '@' },
      ],
      outputs: [{ id: 'parts', key: 'output', type: 'string', list: true, label: 'split email' }],
    },
    {
      id: 'takeDomain',
      type: 'list:pop',
      name: 'Get Last Item',
      inputs: [{ id: 'list', key: 'list', type: 'string', list: true }],
      outputs: [
        { id: 'rest', key: 'list', type: 'string', list: true },
        { id: 'domain', key: 'item', type: 'string', label: 'domain' },
      ],
    },
    {
      id: 'isContractor',
      type: 'control:if',
      name: 'If/Else',
      inputs: [
        { id: 'valueA', key: 'left-operand', type: 'string', label: 'value a' },
        { id: 'comparison', key: 'operator', type: 'string', label: 'comparison', value: '==' },
        { id: 'valueB', key: 'right-operand', type: 'string', label: 'value b', value: CONTRACTOR_DOMAIN },
      ],
      outputs: [{ id: 'result', key: 'result', type: 'boolean' }],
      branches: [
        {
          when: true,
          cards: [
            {
              id: 'composeContractor',
              type: 'string:compose',
              name: 'Compose',
              inputs: [{ id: 'template', key: '_text_', type: 'string', value: CONTRACTOR_COMMANDS }],
              outputs: [{ id: 'text', key: 'output', type: 'string' }],
            },
          ],
        },
        {
          when: false,
          cards: [
            {
              id: 'composeNoCommands',
              type: 'string:compose',
              name: 'Compose',
              inputs: [{ id: 'template', key: '_text_', type: 'string', value: NO_COMMANDS }],
              outputs: [{ id: 'text', key: 'output', type: 'string' }],
            },
          ],
        },
      ],
    },
    {
      id: 'mergeCommands',
      type: 'control:join',
      name: 'Join',
      inputs: [{ id: 'commandsIn', key: 'commands', type: 'string' }],
      outputs: [{ id: 'commandsOut', key: 'commands', type: 'string' }],
      joins: { commandsIn: [{ output: 'commandsOut' }] },
    },
    {
      id: 'parseCommands',
      type: 'json:parse',
      name: 'Parse',
      inputs: [{ id: 'json', key: 'string', type: 'string' }],
      outputs: [{ id: 'object', key: 'output', type: 'object' }],
    },
    {
      id: 'answer',
      type: 'httpfunctions:close',
      name: 'Close',
      inputs: [
        { id: 'statusCode', key: 'statusCode', type: 'number', group: 'Response', label: 'Status Code', value: 200 },
        { id: 'headers', key: 'headers', type: 'object', group: 'Response', label: 'Headers', value: {} },
        { id: 'body', key: 'body', type: 'object', group: 'Response', label: 'Body' },
      ],
    },
  ],
  wires: [
    { from: { card: 'endpoint', field: 'body' }, to: { card: 'readEmail', field: 'object' }, convert: 'parse' },
    { from: { card: 'readEmail', field: 'email' }, to: { card: 'splitEmail', field: 'text' } },
    { from: { card: 'splitEmail', field: 'parts' }, to: { card: 'takeDomain', field: 'list' } },
    { from: { card: 'takeDomain', field: 'domain' }, to: { card: 'isContractor', field: 'valueA' } },
    { from: { card: 'composeContractor', field: 'text' }, to: { card: 'mergeCommands', field: 'commandsIn' } },
    { from: { card: 'composeNoCommands', field: 'text' }, to: { card: 'mergeCommands', field: 'commandsIn' } },
    { from: { card: 'mergeCommands', field: 'commandsOut' }, to: { card: 'parseCommands', field: 'json' } },
    { from: { card: 'parseCommands', field: 'object' }, to: { card: 'answer', field: 'body' } },
  ],
};
