/** Moved to src/events/record-event.ts; this path stays for modules owned elsewhere (hooks/inline, workflows/cards). */
export * from '../../events/record-event.js';
