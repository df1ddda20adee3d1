import { numberPairCard } from '../shared/binary.js';

/** Add: a + b. */
export default numberPairCard({
  type: 'math:add',
  title: 'Add',
  description: 'Add two numbers.',
  compute: (a, b) => a + b,
});
