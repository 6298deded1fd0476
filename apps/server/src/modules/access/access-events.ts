import { EventEmitter } from 'node:events'

/**
 * Announces that what a user may do changed (membership revoked, role changed, signed out), so that open sockets
 * are checked again at once instead of keeping access they no longer have.
 */
export class AccessEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(50)

  changed(userId: string): void {
    this.emitter.emit('changed', userId)
  }

  onChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('changed', listener)
    return () => this.emitter.off('changed', listener)
  }
}
