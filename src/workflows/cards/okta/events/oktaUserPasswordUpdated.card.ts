import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'oktaUserPasswordUpdated',
  title: 'User Okta Password Updated',
  description: "Starts a flow when a user's Okta password is updated.",
  version: '1.0.679',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Actor', 'Okta User', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
