import { numberPairCard } from '../shared/binary.js';

/** Subtract: a - b. */
export default numberPairCard({
  type: 'math:subtract',
  title: 'Subtract',
  description: 'Subtract one number from another.',
  compute: (a, b) => a - b,
});
