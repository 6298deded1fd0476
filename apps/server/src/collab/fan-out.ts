import type { Connection } from './connection.ts'

/** Delivers one frame to a room's local connections, except the one that caused it (when given). */
export type Deliver = (frame: Uint8Array, except: Connection | null) => void

/**
 * The one path every broadcast of a room takes. In-process now; a Redis implementation can carry the same frames
 * to other server instances without the protocol or room code knowing.
 */
export interface FanOut {
  publish(roomName: string, frame: Uint8Array, except: Connection | null): void
  subscribe(roomName: string, deliver: Deliver): () => void
}

export class LocalFanOut implements FanOut {
  private readonly subscribers = new Map<string, Set<Deliver>>()

  publish(roomName: string, frame: Uint8Array, except: Connection | null): void {
    const set = this.subscribers.get(roomName)
    if (!set) return
    for (const deliver of set) deliver(frame, except)
  }

  subscribe(roomName: string, deliver: Deliver): () => void {
    let set = this.subscribers.get(roomName)
    if (!set) {
      set = new Set()
      this.subscribers.set(roomName, set)
    }
    set.add(deliver)
    return () => {
      set.delete(deliver)
      if (set.size === 0) this.subscribers.delete(roomName)
    }
  }

  get roomCount(): number {
    return this.subscribers.size
  }
}
