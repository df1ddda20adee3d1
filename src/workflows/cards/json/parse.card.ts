import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { ConversionError, parseJsonText } from '../../engine/values/convert.js';

/** JSON Parse: JSON text to the object or list it holds; text that is not JSON fails the card. */
export default defineCard({
  type: 'json:parse',
  title: 'Parse',
  description: 'Parse JSON text into an object or a list.',
  kind: 'function',
  okta: { address: kernelAddress('json:parse'), timeout: 30000 },
  inputs: [{ key: 'string', type: 'string', value: '' }],
  outputs: [{ key: 'output', type: 'object', value: {} }],
  run(ctx) {
    try {
      return { outputs: outputsByKey(ctx, { output: parseJsonText(ctx.input('string')) }) };
    } catch (error) {
      if (error instanceof ConversionError) throw new CardError(`input 'string': ${error.message}`);
      throw error;
    }
  },
});
