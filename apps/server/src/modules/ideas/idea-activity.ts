import type { Clock } from '../../clock.ts'
import type { Logger } from '../../logger.ts'
import type { IdeasRepository } from './ideas.repository.ts'

/** An idea's updated_at is written at most this often while people write in its document. */
export const WRITTEN_EVERY_MS = 60_000

interface Window {
  /** When the latest commit not yet written to updated_at was stored; null: none since the last write. */
  pendingAt: number | null
  cancel: () => void
}

/**
 * Makes an idea's updated_at follow the writing in its document: the room server says when it stored people's changes
 * (`written`), and this writes the time, at most once a WRITTEN_EVERY_MS per idea. The first commit of a quiet idea
 * is written at once; later ones in the window are written when it ends, with the time of the last of them, whether or
 * not the room is still loaded. flush() writes what is pending (shutdown).
 */
export class IdeaActivity {
  private readonly windows = new Map<string, Window>()
  private readonly writing = new Set<Promise<void>>()

  constructor(
    private readonly ideas: Pick<IdeasRepository, 'touch'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A commit of people's changes to the idea's document was stored just now. */
  written(ideaId: string): void {
    const window = this.windows.get(ideaId)
    if (window) {
      window.pendingAt = this.clock.now()
      return
    }
    this.write(ideaId, this.clock.now())
    this.open(ideaId)
  }

  /** Writes every pending time now and waits for every write under way. */
  async flush(): Promise<void> {
    for (const [ideaId, window] of this.windows) {
      window.cancel()
      if (window.pendingAt !== null) this.write(ideaId, window.pendingAt)
    }
    this.windows.clear()
    await this.settled()
  }

  /** Resolves once every write started so far has ended. */
  async settled(): Promise<void> {
    while (this.writing.size > 0) await Promise.allSettled([...this.writing])
  }

  private open(ideaId: string): void {
    const window: Window = { pendingAt: null, cancel: () => {} }
    window.cancel = this.clock.schedule(() => this.close(ideaId, window), WRITTEN_EVERY_MS)
    this.windows.set(ideaId, window)
  }

  private close(ideaId: string, window: Window): void {
    if (this.windows.get(ideaId) !== window) return
    this.windows.delete(ideaId)
    if (window.pendingAt === null) return
    this.write(ideaId, window.pendingAt)
    this.open(ideaId)
  }

  private write(ideaId: string, at: number): void {
    const done = this.ideas
      .touch(ideaId, new Date(at))
      .catch((err: unknown) => this.logger.warn({ err, ideaId }, 'recording when an idea was last written failed'))
      .finally(() => this.writing.delete(done))
    this.writing.add(done)
  }
}
