import { oktaEventCard } from './okta-event-card.js';

export default oktaEventCard({
  key: 'accessCertificationDecisionSubmitted',
  title: 'Access Certification Decision Submitted',
  description: 'Starts a flow when a decision on the access to a resource is submitted in Okta.',
  version: '1.0.674',
  fields: ['Date and Time', 'Message', 'Event ID', 'Event Type', 'Event Time', 'Version', 'Actor', 'Review Item', 'UUID', 'Event Details', 'Headers', 'Source', 'Debug Context'],
});
