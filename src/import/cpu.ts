/**
 * CPU time spent by the import itself and by its database backends, so that throughput measured on a busy machine
 * can be read as cost per appeal. Backends are read from /proc when the database runs on this machine (Linux);
 * elsewhere only the import's own CPU is known.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process in seconds, or null when it cannot be read (another host, not Linux). */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export class CpuMeter {
  private readonly node0 = process.cpuUsage();
  private readonly db0: Map<number, number | null>;

  constructor(private readonly backendPids: number[]) {
    this.db0 = new Map(backendPids.map((p) => [p, processCpuSeconds(p)]));
  }

  read(): { nodeSeconds: number; databaseSeconds: number | null } {
    const u = process.cpuUsage(this.node0);
    let db: number | null = 0;
    for (const pid of this.backendPids) {
      const a = this.db0.get(pid);
      const b = processCpuSeconds(pid);
      if (a == null || b == null) {
        db = null;
        break;
      }
      db += b - a;
    }
    return { nodeSeconds: (u.user + u.system) / 1e6, databaseSeconds: db };
  }
}
