/**
 * The one table of websocket close codes the room server uses, shared with clients.
 * y-websocket 3.1's WebsocketProvider stops reconnecting after a code in 4400–4499 and retries on any other,
 * so 4xxx codes mean "this will not work if you try again", 1011/1013 mean "try again later".
 */
export const CloseCode = {
  /** Server shutting down (graceful): reconnect to the next instance. */
  GOING_AWAY: 1001,
  /** The room's document could not be loaded; nothing was kept, the client may retry. */
  LOAD_FAILED: 1011,
  /** The server or this socket is over a bound (buffers, connections); retry later. */
  OVERLOADED: 1013,
  /**
   * Malformed frame, unknown message type, garbage update or bad room name; or a change that would leave a document
   * the editor cannot read (anything but the editor's schema in the `default` fragment, or any other root type).
   */
  MALFORMED: 4400,
  /** Not signed in. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but not allowed into this room (a non-member: whether or not the idea exists). */
  FORBIDDEN: 4403,
  /** No such network; or, for a member, no such idea in it. */
  NOT_FOUND: 4404,
  /** A message larger than MAX_MESSAGE_BYTES, or a change that would take the document past MAX_DOCUMENT_BYTES. */
  TOO_LARGE: 4413,
  /** The user has MAX_SOCKETS_PER_USER sockets open on this server already. */
  TOO_MANY_SOCKETS: 4429,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** Close codes after which a client should not retry (the provider stops on 4400–4499 by itself). */
export function isPermanentClose(code: number): boolean {
  return code >= 4400 && code <= 4499
}
