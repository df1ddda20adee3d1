import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { toNumberLoose } from '../../engine/values/coerce.js';
import { textOf } from '../../engine/values/types.js';
import { evaluateFormula, FormulaError } from './formula.js';

/**
 * Formula: evaluates the arithmetic expression in `_text_` (`+ - * / % ^`, parentheses, functions
 * such as `round`, `sqrt`, `min`); each `{{{name}}}` in it is the number in the card's input with
 * that key. Parsed and evaluated here, never handed to JavaScript.
 */
export default defineCard({
  type: 'math:expression',
  title: 'Formula',
  description: 'Create a math expression and optionally drag fields in as inputs.',
  kind: 'function',
  okta: { address: kernelAddress('math:expression'), timeout: 90000 },
  inputs: [{ key: '_text_', type: 'string', value: '' }],
  outputs: [{ key: 'output', type: 'number' }],
  extensible: { inputs: true },
  run(ctx) {
    const variable = (name: string): number => {
      const input = ctx.inputs.find(({ field }) => field.key !== '_text_' && (field.key === name || field.id === name));
      if (!input) throw new FormulaError(`{{{${name}}}} names no input of the card`);
      const number = toNumberLoose(input.value ?? 0);
      if (typeof number !== 'number') throw new FormulaError(`input '${input.field.key}' must be a number, not '${textOf(input.value)}'`);
      return number;
    };
    try {
      return { outputs: outputsByKey(ctx, { output: evaluateFormula(textOf(ctx.input('_text_')), variable) }) };
    } catch (error) {
      if (error instanceof FormulaError) throw new CardError(`formula: ${error.message}`);
      throw error;
    }
  },
});
