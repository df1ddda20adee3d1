export interface TollgateInfo {
  url: string;
  token: string;
  invokeUrl: string;
  clientToken: string;
  database: string;
}

/** What each benchmark script prints as its last line of stdout (bench/run.ts puts `markdown` in RESULTS.md). */
export interface BenchOutput {
  benchmark: string;
  markdown: string;
  [key: string]: unknown;
}

export const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
export const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
