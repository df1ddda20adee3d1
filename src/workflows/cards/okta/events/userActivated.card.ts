import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userActivated',
  title: 'User Activated',
  description: 'Starts a flow when a user is activated in Okta.',
  version: '1.0.348',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
