import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userSuspended',
  title: 'User Suspended',
  description: 'Starts a flow when a user is suspended in Okta.',
  version: '1.0.690',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
