import { readFileSync } from 'node:fs'

/** Linux /proc readers: CPU time, resident memory and bytes written of any process by pid. */

const CLOCK_TICKS_PER_SECOND = 100

function read(path: string): string | null {
  try {
    return readFileSync(path, 'latin1')
  } catch {
    return null
  }
}

/** utime + stime of the process in seconds (10 ms resolution); null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`)
  if (stat === null) return null
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the comm field: state(0) ppid(1) … utime is field 14 of the whole line, i.e. index 11 here.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** Resident set size in bytes (VmRSS); null once the process is gone. */
export function rssBytes(pid: number): number | null {
  const status = read(`/proc/${pid}/status`)
  const match = status?.match(/^VmRSS:\s+(\d+)\s+kB/m)
  return match ? Number(match[1]) * 1024 : null
}

/** Bytes the process caused to be written to storage (write_bytes of /proc/<pid>/io). */
export function writeBytes(pid: number): number | null {
  const io = read(`/proc/${pid}/io`)
  const match = io?.match(/^write_bytes:\s+(\d+)/m)
  return match ? Number(match[1]) : null
}

/**
 * CPU seconds the whole machine has spent so far (/proc/stat: user, nice, system, irq and softirq over every core), and
 * the seconds its virtual cores were ready to run but the hypervisor ran something else (steal); null off Linux.
 */
export function machineCpuSeconds(): { busy: number; steal: number } | null {
  const line = read('/proc/stat')?.split('\n', 1)[0]
  if (!line?.startsWith('cpu ')) return null
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
  return { busy: (user! + nice! + system! + irq! + softirq!) / CLOCK_TICKS_PER_SECOND, steal: (steal ?? 0) / CLOCK_TICKS_PER_SECOND }
}

export function sumOver(pids: number[], f: (pid: number) => number | null): number {
  let total = 0
  for (const pid of pids) total += f(pid) ?? 0
  return total
}
