import { defineCard, kernelAddress, outputsByKey, type CardDeclaration } from '../../engine/card.js';
import { booleanInput, requiredNumber } from './inputs.js';

interface BinaryCard<T> {
  type: string;
  title: string;
  description: string;
  compute(a: T, b: T): T;
}

/** The two-input arithmetic cards (Add, Subtract, Multiply): numbers `a` and `b` in, `output` out. */
export function numberPairCard(card: BinaryCard<number>): CardDeclaration {
  return defineCard({
    type: card.type,
    title: card.title,
    description: card.description,
    kind: 'function',
    okta: { address: kernelAddress(card.type), timeout: 90000 },
    inputs: [
      { key: 'a', type: 'number', value: 0 },
      { key: 'b', type: 'number', value: 0 },
    ],
    outputs: [{ key: 'output', type: 'number' }],
    run(ctx) {
      return { outputs: outputsByKey(ctx, { output: card.compute(requiredNumber(ctx, 'a'), requiredNumber(ctx, 'b')) }) };
    },
  });
}

/** The two-input True/False cards (And, Or, Or Exclusive). Nothing counts as false (Okta's loose booleans). */
export function booleanPairCard(card: BinaryCard<boolean>): CardDeclaration {
  return defineCard({
    type: card.type,
    title: card.title,
    description: card.description,
    kind: 'function',
    okta: { address: kernelAddress(card.type), timeout: 90000 },
    inputs: [
      { key: 'a', type: 'boolean', value: false },
      { key: 'b', type: 'boolean', value: false },
    ],
    outputs: [{ key: 'output', type: 'boolean' }],
    run(ctx) {
      return { outputs: outputsByKey(ctx, { output: card.compute(booleanInput(ctx, 'a'), booleanInput(ctx, 'b')) }) };
    },
  });
}
