import { CardError, defineCard, kernelAddress } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/** Return Error: ends the flow as failed with this message (and, for API Endpoint flows, this status). */
export default defineCard({
  type: 'control:throw',
  title: 'Return Error',
  description: 'End the flow with an error.',
  kind: 'function',
  okta: { address: kernelAddress('control:throw'), timeout: 10000 },
  inputs: [
    { key: 'statusCode', type: 'number', value: 500 },
    { key: 'message', type: 'string', value: '' },
  ],
  outputs: [
    { key: 'statusCode', type: 'number', value: 500 },
    { key: 'message', type: 'string', value: '' },
  ],
  extensible: { inputs: true, outputs: true },
  run(ctx) {
    throw returnedError(ctx.input('message'), ctx.input('statusCode'));
  },
});

/** The error Return Error and Return Error If end a flow with. */
export function returnedError(message: unknown, statusCode: unknown, details?: Record<string, unknown>): CardError {
  const status = typeof statusCode === 'number' && Number.isInteger(statusCode) && statusCode > 0 ? statusCode : undefined;
  return new CardError(textOf(message) || 'the flow returned an error', { statusCode: status, details, returnedError: true });
}
