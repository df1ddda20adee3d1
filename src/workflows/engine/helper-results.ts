import { CardError } from './card.js';
import type { ExecutionResult } from './types.js';

/* How a helper flow's result reaches the card that ran it (kept apart so cards can use it too). */

/** What a helper flow handed back: Return's fields, or Return Raw's answer as `statusCode`, `headers`, `body`. */
export function helperOutputs(result: ExecutionResult): Record<string, unknown> {
  if (result.outputs) return result.outputs;
  if (result.answer) return { statusCode: result.answer.statusCode, headers: result.answer.headers, body: result.answer.body };
  return {};
}

/** A helper flow's failure as the error of the card that ran it. */
export function failureOfHelper(result: ExecutionResult): CardError {
  const error = result.error;
  return new CardError(error?.message ?? 'the helper flow failed', {
    statusCode: error?.statusCode,
    details: error?.details,
    returnedError: error?.reason === 'returned-error',
    inner: { cardName: error?.cardName, cardType: error?.cardType, executionId: result.executionId },
    callDepth: error?.callDepth,
  });
}
