import { methodCard } from './http-call.js';

/** API Connector Put: an HTTP PUT of a JSON Body; gives Status Code, Headers and the JSON Body. */
export default methodCard({
  key: 'put',
  title: 'Put',
  method: 'PUT',
  version: '1.0.24',
  description: 'Perform an HTTP PUT request with a JSON body and return the status code, response headers and body.',
});
