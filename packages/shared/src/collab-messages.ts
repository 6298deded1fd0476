/**
 * Message types on the room websocket. 0–3 are y-websocket's own; the rest are Tandem's and are sent only to
 * clients that asked for them in the room URL (a plain provider logs and drops unknown types).
 */
export const MessageType = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  /** Tandem: `varUint8Array` state vector of what the database durably holds for this document. */
  STORED: 100,
  /**
   * Tandem, no payload: the idea's record (title, summary, status, …) changed; read it again. The title lives there,
   * not in the document, so an open page learns of a rename this way.
   */
  IDEA_CHANGED: 101,
} as const

/** Query parameter on the room URL that opts a client in to Tandem's messages (STORED, IDEA_CHANGED): `?stored=1`. */
export const STORED_ACK_PARAM = 'stored'
