import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'userReportedSuspiciousActivityBeta',
  title: 'Suspicious Activity Reported',
  description: 'Starts a flow when a user reports suspicious activity in their account.',
  version: '1.0.690',
  fields: ['Date and Time', 'Name', 'Email', 'User ID', 'Suspicious Activity Details', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
