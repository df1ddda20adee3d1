import { defineCard } from '../../engine/card.js';
import { answerHeaders, answerStatus } from '../shared/http-answer.js';

/**
 * API Connector Close: answers the HTTP caller now (status, headers, JSON body) and lets the flow
 * run on, so slow flows do not make callers time out and retry. None of its inputs is required.
 */
export default defineCard({
  type: 'httpfunctions:close',
  title: 'Close',
  description: 'Send a response to the caller and close the connection; the flow continues.',
  kind: 'function',
  okta: { address: 'root:channels:http:httpfunctions:1.0.24:close', timeout: 30000 },
  inputs: [
    { key: 'statusCode', type: 'number', group: 'Response', label: 'Status Code', value: 200 },
    { key: 'headers', type: 'object', group: 'Response', label: 'Headers', value: {} },
    { key: 'body', type: 'object', group: 'Response', label: 'Body', value: {} },
  ],
  outputs: [],
  run(ctx) {
    ctx.answer({
      statusCode: answerStatus(ctx.input('statusCode')),
      headers: answerHeaders(ctx.input('headers')),
      body: ctx.input('body'),
    });
    return {};
  },
});
