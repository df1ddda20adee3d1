import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userAddedToApplicationMembership',
  title: 'User Assigned to Application',
  description: 'Starts a flow when a user is assigned to an application in Okta.',
  version: '1.0.599',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'Application User', 'Application', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
