import { methodCard } from './http-call.js';

/**
 * API Connector Delete: an HTTP DELETE, with an optional JSON Body; gives Status Code, Headers and the
 * JSON Body. Version 1.0.13 is the one Okta's exports carry.
 */
export default methodCard({
  key: 'delete',
  title: 'Delete',
  method: 'DELETE',
  version: '1.0.13',
  description: 'Perform an HTTP DELETE request and return the status code, response headers and body.',
});
