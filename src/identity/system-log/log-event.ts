/** Moved to src/events/log-event.ts; this path stays for modules owned elsewhere (hooks/inline, workflows/cards). */
export * from '../../events/log-event.js';
