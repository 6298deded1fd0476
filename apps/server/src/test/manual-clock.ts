import type { Clock } from '../clock.ts'

/** A clock that moves only when a test says so; due tasks run in order of their time, inside advance(). */
export class ManualClock implements Clock {
  private tasks: Array<{ at: number; run: () => void }> = []

  constructor(private time = Date.now()) {}

  now(): number {
    return this.time
  }

  schedule(run: () => void, ms: number): () => void {
    const task = { at: this.time + Math.max(0, ms), run }
    this.tasks.push(task)
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task)
    }
  }

  /** Moves time forward by `ms`, running each task that falls due on the way, at its own time. */
  advance(ms: number): void {
    const end = this.time + ms
    for (;;) {
      const due = this.tasks.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.tasks = this.tasks.filter((t) => t !== due)
      this.time = due.at
      due.run()
    }
    this.time = end
  }

  get pending(): number {
    return this.tasks.length
  }
}
