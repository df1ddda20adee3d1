import { booleanPairCard } from '../shared/binary.js';

/** Or: true if a or b (or both) is true. */
export default booleanPairCard({
  type: 'boolean:or',
  title: 'Or',
  description: 'True if a or b (or both) is true.',
  compute: (a, b) => a || b,
});
