import { numberPairCard } from '../shared/binary.js';

/** Multiply: a × b. */
export default numberPairCard({
  type: 'math:multiply',
  title: 'Multiply',
  description: 'Multiply two numbers.',
  compute: (a, b) => a * b,
});
