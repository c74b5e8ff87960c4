/** Memory helpers for benchmark child processes. */

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Resident set size in MB after a full GC (when --expose-gc is on). */
export function rssMb(): number {
  collectGarbage();
  return process.memoryUsage().rss / 1048576;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
