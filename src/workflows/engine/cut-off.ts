/**
 * What the engine needs of a cut-off: whether it fired and why, a way to hear it fire, and an
 * AbortSignal for cards and services that pass one on (outbound HTTP, helper flows, waits).
 */
export interface CutOff {
  readonly aborted: boolean;
  readonly reason: unknown;
  readonly signal: AbortSignal;
  /** Calls `listener` once when the cut-off fires; returns the function that stops listening. */
  onAbort(listener: () => void): () => void;
}

/**
 * An AbortController whose AbortSignal is made only when something asks for it. The host makes one per
 * execution; an AbortSignal is an EventTarget, and making one (with its listener) cost more than running
 * a small flow, while most executions never hand their signal to anything.
 */
export class CutOffController implements CutOff {
  private controller?: AbortController;
  private listeners?: Set<() => void>;
  private fired?: { reason: unknown };

  get aborted(): boolean {
    return this.fired !== undefined;
  }

  get reason(): unknown {
    return this.fired?.reason;
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.fired) this.controller.abort(this.fired.reason);
    }
    return this.controller.signal;
  }

  /** Fires the cut-off (once; later calls do nothing), as AbortController.abort does. */
  abort(reason?: unknown): void {
    if (this.fired) return;
    this.fired = { reason: reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason };
    this.controller?.abort(this.fired.reason);
    const listeners = this.listeners;
    this.listeners = undefined;
    for (const listener of listeners ?? []) listener();
  }

  onAbort(listener: () => void): () => void {
    if (this.fired) return () => undefined;
    (this.listeners ??= new Set()).add(listener);
    return () => this.listeners?.delete(listener);
  }
}

/** A plain AbortSignal seen as a cut-off. */
export function cutOffOfSignal(signal: AbortSignal): CutOff {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason as unknown;
    },
    signal,
    onAbort(listener) {
      signal.addEventListener('abort', listener, { once: true });
      return () => signal.removeEventListener('abort', listener);
    },
  };
}
