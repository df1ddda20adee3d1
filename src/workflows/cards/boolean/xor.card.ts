import { booleanPairCard } from '../shared/binary.js';

/** Or (Exclusive): true if exactly one of a and b is true. */
export default booleanPairCard({
  type: 'boolean:xor',
  title: 'Or (Exclusive)',
  description: 'True if exactly one of a and b is true.',
  compute: (a, b) => a !== b,
});
