/**
 * What every benchmark case reports: wall time of the measured work, its CPU time (user + system:
 * on a shared machine the wall clock measures the neighbours too) and the process's peak resident
 * memory (each case runs in a fresh process, so the peak is that case's own).
 */
export interface CaseResult {
  case: string;
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  items: number;
}

/** Runs `work` once, timed, and prints one JSON line for the bench runner to collect. */
export async function measureCase(name: string, work: () => Promise<number>): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const items = await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const result: CaseResult = {
    case: name,
    ms: Math.round(ms * 10) / 10,
    cpuMs: Math.round((cpu.user + cpu.system) / 100) / 10,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
    items,
  };
  console.log(JSON.stringify(result));
}
