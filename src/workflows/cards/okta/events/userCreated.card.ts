import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userCreated',
  title: 'User Created',
  description: 'Starts a flow when a user is created in Okta.',
  version: '1.0.687',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
