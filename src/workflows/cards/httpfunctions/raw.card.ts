import { rawRequestCard } from './http-call.js';

/** API Connector Raw Request: any method, the body as the text given; the response Body is text (XML, CSV, ...). */
export default rawRequestCard('1.0.24');
