import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userAddedToGroupMembership',
  title: 'User Added to Group',
  description: 'Starts a flow when a user is added to an Okta group.',
  version: '1.0.690',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Admin', 'Okta User', 'Group', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
