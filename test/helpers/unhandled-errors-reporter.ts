import type { Reporter, SerializedError } from 'vitest/node';

/**
 * Prints the run's unhandled errors once more, after the summary, in a few lines each: CI keeps only the
 * tail of the output, and an unhandled error's full report scrolls out of it (the summary then says
 * "1 error" and nothing more).
 */
export default class UnhandledErrorsReporter implements Reporter {
  onTestRunEnd(_modules: unknown, unhandledErrors: ReadonlyArray<SerializedError>): void {
    if (unhandledErrors.length === 0) return;
    const lines = [`Unhandled errors (${unhandledErrors.length}), again in short:`];
    for (const error of unhandledErrors) {
      const stack = (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at ')).slice(0, 6);
      lines.push(`- ${error.name ?? 'Error'}: ${error.message}`, ...stack.map((line) => `    ${line.trim()}`));
    }
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
