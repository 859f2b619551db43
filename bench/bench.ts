/**
 * A benchmark case. Each file bench/cases/*.bench.ts default-exports one; bench/run.ts
 * discovers them and prints all rows as one table.
 */
export interface BenchRow {
  /** What was measured, e.g. "typeset corpus page, 13-char columns (warm)". */
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, e.g. "< 5 ms", if any. */
  target?: string;
  /** Whether the value meets the target (undefined when there is none). */
  ok?: boolean;
  /** A peer measured in the same run, or any remark. */
  note?: string;
}

export interface BenchCase {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Median and p95 of a sample, and the samples' count. */
export function stats(samples: number[]): { median: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p95: at(0.95), n: s.length };
}

/** Runs fn repeatedly (after warm-up runs) and returns the per-run times in ms. */
export async function timeRuns(fn: () => unknown | Promise<unknown>, runs = 20, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}
