import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'groupDeleted',
  title: 'Group Deleted',
  description: 'Starts a flow when a group is deleted in Okta.',
  version: '1.0.605',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Actor', 'Group', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
