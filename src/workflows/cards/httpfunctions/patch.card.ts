import { methodCard } from './http-call.js';

/**
 * API Connector Patch: an HTTP PATCH of a JSON Body; gives Status Code, Headers and the JSON Body. No
 * template uses it: its address follows the other API Connector cards of version 1.0.24.
 */
export default methodCard({
  key: 'patch',
  title: 'Patch',
  method: 'PATCH',
  version: '1.0.24',
  description: 'Perform an HTTP PATCH request with a JSON body and return the status code, response headers and body.',
});
