import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'groupProfileUpdated',
  title: 'Group Profile Updated',
  description: 'Starts a flow when the profile of a group is updated in Okta.',
  version: '1.0.544',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Changed Attributes', 'Actor', 'Group', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
