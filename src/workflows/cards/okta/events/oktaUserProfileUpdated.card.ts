import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'oktaUserProfileUpdated',
  title: 'User Okta Profile Updated',
  description: "Starts a flow when a user's Okta profile is updated.",
  version: '1.0.605',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Legacy Event Type', 'Event Time', 'Version', 'UUID', 'Severity', 'Result', 'Changed Attributes', 'Actor', 'Okta User', 'Client', 'Transaction', 'Debug Context', 'Authentication Context', 'Security Context', 'Event Details', 'Headers', 'Source'],
});
