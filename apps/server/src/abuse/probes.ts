import { readFileSync } from 'node:fs'

/** The resident set of a process in MiB, from /proc (Linux), or NaN when it has ended. */
export function rssMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
    return kib / 1024
  } catch {
    return Number.NaN
  }
}

/** Samples a process's RSS every `everyMs` until stopped: the first, the highest and the last sample. */
export class RssSampler {
  first = Number.NaN
  peak = 0
  last = Number.NaN
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.sample()
    this.first = this.last
    this.timer = setInterval(() => this.sample(), everyMs)
  }

  sample(): number {
    const now = rssMiB(this.pid)
    if (!Number.isNaN(now)) {
      this.last = now
      this.peak = Math.max(this.peak, now)
    }
    return now
  }

  stop(): { firstMiB: number; peakMiB: number; lastMiB: number } {
    clearInterval(this.timer)
    this.sample()
    return { firstMiB: round(this.first), peakMiB: round(this.peak), lastMiB: round(this.last) }
  }
}

/**
 * Asks GET /api/health one request after another (a pause of `pauseMs` between), as a monitor would: its latency is
 * what a stalled event loop or a saturated database costs every other request.
 */
export class HealthProbe {
  private readonly latencies: number[] = []
  private readonly statuses = new Map<string, number>()
  private running = true
  private readonly done: Promise<void>

  constructor(
    private readonly baseUrl: string,
    private readonly pauseMs = 50,
  ) {
    this.done = this.loop()
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const started = performance.now()
      let status: string
      try {
        const response = await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(15_000) })
        await response.arrayBuffer()
        status = String(response.status)
      } catch (err) {
        status = (err as Error).name
      }
      this.latencies.push(performance.now() - started)
      this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs))
    }
  }

  async stop(): Promise<{ requests: number; statuses: Record<string, number>; p50Ms: number; maxMs: number }> {
    this.running = false
    await this.done
    const sorted = [...this.latencies].sort((a, b) => a - b)
    return {
      requests: sorted.length,
      statuses: Object.fromEntries(this.statuses),
      p50Ms: round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      maxMs: round(sorted[sorted.length - 1] ?? 0),
    }
  }
}

export function round(value: number): number {
  return Math.round(value * 10) / 10
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** How many of each close code the sockets ended with. */
export function tally(codes: Iterable<number | string>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1
  return counts
}
