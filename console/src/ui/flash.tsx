import { useEffect, useState } from 'react';

/** Short confirmations ("Inline hook saved") shown at the top of the page and announced politely. */

type Listener = (message: string | undefined) => void;
const listeners = new Set<Listener>();
let currentMessage: string | undefined;
let timer: number | undefined;

export function flash(message: string): void {
  currentMessage = message;
  listeners.forEach((l) => l(message));
  window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    currentMessage = undefined;
    listeners.forEach((l) => l(undefined));
  }, 6000);
}

export function FlashArea() {
  const [message, setMessage] = useState(currentMessage);
  useEffect(() => {
    listeners.add(setMessage);
    return () => { listeners.delete(setMessage); };
  }, []);
  return (
    <div className="flash-area" aria-live="polite" role="status">
      {message ? <div className="flash">{message}</div> : null}
    </div>
  );
}
