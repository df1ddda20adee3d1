/**
 * Progress of long work run from the command line (flow import, user import, identity-source loads): a
 * cli-progress bar on stderr when stderr is a terminal; otherwise (CI, pipes, files) no bar and no escape
 * codes, only the summary line at the end. stdout stays for the command's JSON result.
 */
import cliProgress from 'cli-progress';

export interface ProgressStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** How many of the total are done now. */
  update(done: number): void;
  /** Ends the bar (left at its last state) and writes the summary line. */
  stop(summary: string): void;
}

export function startProgress(label: string, total: number, stream: ProgressStream = process.stderr): Progress {
  if (stream.isTTY !== true) {
    let stopped = false;
    return {
      update() {},
      stop(summary) {
        if (stopped) return;
        stopped = true;
        stream.write(`${summary}\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: `${label} {bar} {value}/{total} ({percentage}%) ETA {eta_formatted}`,
    hideCursor: true,
    // Drawn at most every 100 ms, also while the event loop is busy with the work itself.
    fps: 10,
    synchronousUpdate: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  let stopped = false;
  return {
    update(done) { if (!stopped) bar.update(done); },
    stop(summary) {
      if (stopped) return;
      stopped = true;
      bar.stop();
      stream.write(`${summary}\n`);
    },
  };
}
