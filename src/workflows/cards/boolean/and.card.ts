import { booleanPairCard } from '../shared/binary.js';

/** And: true if both a and b are true. */
export default booleanPairCard({
  type: 'boolean:and',
  title: 'And',
  description: 'True if both a and b are true.',
  compute: (a, b) => a && b,
});
