import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { answerHeaders, answerStatus } from '../shared/http-answer.js';

/** Return Raw: ends the flow and answers the HTTP caller with this status, these headers and this text. */
export default defineCard({
  type: 'control:returnRaw',
  title: 'Return Raw',
  description: 'End the flow and return a raw HTTP response.',
  kind: 'function',
  okta: { address: kernelAddress('control:returnRaw'), timeout: 90000 },
  inputs: [
    { key: 'statusCode', type: 'number', value: 200 },
    { key: 'headers', type: 'object', value: {} },
    { key: 'body', type: 'string', value: '' },
  ],
  outputs: [
    { key: 'statusCode', type: 'number', value: 200 },
    { key: 'headers', type: 'object', value: {} },
    { key: 'body', type: 'string', value: '' },
  ],
  run(ctx) {
    const statusCode = answerStatus(ctx.input('statusCode'));
    const headers = answerHeaders(ctx.input('headers'));
    const body = ctx.input('body');
    return {
      outputs: outputsByKey(ctx, { statusCode, headers, body }),
      end: { kind: 'return', answer: { statusCode, headers, body: body === null ? '' : body } },
    };
  },
});
