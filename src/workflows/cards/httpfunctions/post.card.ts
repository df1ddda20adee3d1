import { methodCard } from './http-call.js';

/** API Connector Post: an HTTP POST of a JSON Body; gives Status Code, Headers and the JSON Body. */
export default methodCard({
  key: 'post',
  title: 'Post',
  method: 'POST',
  version: '1.0.24',
  description: 'Perform an HTTP POST request with a JSON body and return the status code, response headers and body.',
});
