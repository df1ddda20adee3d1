import { defineCard } from '../../engine/card.js';
import { GROUP_PROFILE_TYPE, groupOutputs, oktaCall, oktaCardExport, requiredText, segment } from './okta-connector.js';

/** Okta connector Read Group: GET /api/v1/groups/{id}; custom profile attributes come out by their keys. */
export default defineCard({
  type: 'okta:readGroup',
  title: 'Read Group',
  description: 'Read the properties of a group by ID.',
  kind: 'function',
  okta: oktaCardExport('readGroup'),
  inputs: [{ key: 'ID', type: 'string', group: 'Group' }],
  outputs: [
    { key: 'ID', type: 'string', group: 'Properties' },
    { key: 'Created', type: 'Date', group: 'Properties' },
    { key: 'Last Updated', type: 'Date', group: 'Properties' },
    { key: 'Profile', type: GROUP_PROFILE_TYPE, group: 'Properties' },
  ],
  async run(ctx) {
    const id = requiredText(ctx, 'ID', 'Group');
    const response = await oktaCall(ctx, 'GET', `/api/v1/groups/${segment(id)}`);
    return { outputs: groupOutputs(ctx, response.body) };
  },
});
