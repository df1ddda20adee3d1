/**
 * Retries `check` until it stops throwing (or `timeoutMs` passes, then rethrows its last error). For
 * things that happen after a response on purpose, such as execution records written after the reply.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
