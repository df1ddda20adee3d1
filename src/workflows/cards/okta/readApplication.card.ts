import { defineCard } from '../../engine/card.js';
import { applicationIdOf, applicationRecord, oktaCall, oktaCardExport, outputsBy, segment } from './okta-connector.js';

/** Okta connector Read Application: GET /api/v1/apps/{appId}; the app's properties on the Application fields. */
export default defineCard({
  type: 'okta:readApplication',
  title: 'Read Application',
  description: 'Read the properties of an application by ID.',
  kind: 'function',
  okta: oktaCardExport('readApplication'),
  inputs: [
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Application' },
    { key: 'Name', type: 'string', group: 'Application' },
    { key: 'Label', type: 'string', group: 'Application' },
    { key: 'Status', type: 'string', group: 'Application' },
    { key: 'Sign On Mode', type: 'string', group: 'Application' },
    { key: 'Created', type: 'Date', group: 'Application' },
    { key: 'Last Updated', type: 'Date', group: 'Application' },
    { key: 'Settings', type: 'object', group: 'Application' },
  ],
  async run(ctx) {
    const response = await oktaCall(ctx, 'GET', `/api/v1/apps/${segment(applicationIdOf(ctx))}`);
    const record = applicationRecord(response.body);
    return { outputs: outputsBy(ctx, (field) => (Object.hasOwn(record, field.key) ? record[field.key] : undefined)) };
  },
});
