import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userDeactivated',
  title: 'User Deactivated',
  description: 'Starts a flow when a user is deactivated in Okta.',
  version: '1.0.690',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
