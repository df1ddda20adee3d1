import { CardError } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';

/** Okta lets an answer use 200 or 400–599 (we also allow the rest of 2xx); nothing or 0 means 200. */
export function answerStatus(value: unknown): number {
  if (value === null || value === undefined || value === 0 || value === '') return 200;
  const status = typeof value === 'number' ? value : Number(value);
  if (Number.isInteger(status) && ((status >= 200 && status <= 299) || (status >= 400 && status <= 599))) return status;
  throw new CardError(`status code ${textOf(value)} cannot be sent: use 200 or 400-599`);
}

/** Answer headers as text values; anything but an object means no extra headers. */
export function answerHeaders(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) return {};
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) if (headerValue !== null && headerValue !== undefined) headers[name] = textOf(headerValue);
  return headers;
}
