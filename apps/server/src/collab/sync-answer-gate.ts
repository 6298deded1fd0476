/**
 * A socket's requests for the document (sync step 1) are answered one at a time: a repeat is answered only once the
 * previous answer has been written out of this process, and only the newest repeat waits (it asks for at least what
 * the older ones did). An observer that asked 20 times for a 2 MiB document without reading had the server hold 20
 * answers. A provider asks once per connection, so it never waits here.
 */
export class SyncAnswerGate<Request> {
  /** The socket's sentBytes once the last answer had been handed to it. */
  private answeredUpTo = 0
  private held: Request | null = null

  /** Whether a request waits. */
  get waiting(): boolean {
    return this.held !== null
  }

  /** Whether a request may be answered now, given what the socket has sent and still holds. */
  mayAnswer(socket: { sentBytes: number; queuedBytes(): number }): boolean {
    return socket.sentBytes - socket.queuedBytes() >= this.answeredUpTo
  }

  /** The request waits for the previous answer; an older waiting one is dropped. */
  hold(request: Request): void {
    this.held = request
  }

  /** An answer was handed to the socket: a request still waiting asked for no more than it holds. */
  answered(socket: { sentBytes: number }): void {
    this.answeredUpTo = socket.sentBytes
    this.held = null
  }

  /** The waiting request, once the previous answer is out (null otherwise); it no longer waits. */
  release(socket: { sentBytes: number; queuedBytes(): number }): Request | null {
    if (this.held === null || !this.mayAnswer(socket)) return null
    const request = this.held
    this.held = null
    return request
  }
}
