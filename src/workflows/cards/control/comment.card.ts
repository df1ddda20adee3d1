import { defineCard, kernelAddress } from '../../engine/card.js';

/** Comment: a note on the canvas (its text is the card's `comments`). It never runs. */
export default defineCard({
  type: 'control:comment',
  title: 'Comment',
  description: 'Leave a comment.',
  kind: 'note',
  okta: { address: kernelAddress('control:comment'), timeout: 90000 },
  inputs: [],
  outputs: [],
  run() {
    return {};
  },
});
