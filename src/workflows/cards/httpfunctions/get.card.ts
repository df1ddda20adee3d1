import { methodCard } from './http-call.js';

/** API Connector Get: an HTTP GET of URL with Query and Headers; gives Status Code, Headers and the JSON Body. */
export default methodCard({
  key: 'get',
  title: 'Get',
  method: 'GET',
  version: '1.0.24',
  description: 'Perform an HTTP GET request and return the status code, response headers and body.',
});
