import { dateShiftCard } from '../shared/date-shift.js';

/** Add: the date `scale` `unit`s later. */
export default dateShiftCard({ type: 'date:add', title: 'Add', description: 'Add a duration to a date.', direction: 1 });
