import { CardError, defineCard, kernelAddress, outputsByKey, type CardDeclaration } from '../../engine/card.js';
import { dateOf, isoOf, unitOf } from './dates.js';
import { numberInput } from './inputs.js';

/**
 * Date & Time Add and Subtract: the date `scale` `unit`s later or earlier (milliseconds … years; months and
 * years by the UTC calendar, in whole numbers only).
 */
export function dateShiftCard(card: { type: string; title: string; description: string; direction: 1 | -1 }): CardDeclaration {
  return defineCard({
    type: card.type,
    title: card.title,
    description: card.description,
    kind: 'function',
    okta: { address: kernelAddress(card.type), timeout: 90000 },
    inputs: [
      { key: 'start', type: 'Date' },
      { key: 'scale', type: 'number', value: 0 },
      { key: 'unit', type: 'string', value: 'days' },
    ],
    outputs: [{ key: 'output', type: 'Date' }],
    run(ctx) {
      const start = dateOf(ctx.input('start'), 'start');
      const scale = numberInput(ctx, 'scale') ?? 0;
      const unit = unitOf(ctx.input('unit'));
      if ((unit === 'months' || unit === 'years') && !Number.isInteger(scale)) {
        throw new CardError(`${unit} must be ${card.direction > 0 ? 'added' : 'subtracted'} in whole numbers, not ${scale}`);
      }
      return { outputs: outputsByKey(ctx, { output: isoOf(start.toUTC().plus({ [unit]: card.direction * scale })) }) };
    },
  });
}
