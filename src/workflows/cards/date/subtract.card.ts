import { dateShiftCard } from '../shared/date-shift.js';

/** Subtract: the date `scale` `unit`s earlier. */
export default dateShiftCard({ type: 'date:subtract', title: 'Subtract', description: 'Subtract a duration from a date.', direction: -1 });
