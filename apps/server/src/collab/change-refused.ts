import { CloseCode } from '@tandem/shared'

/**
 * A client's change the room will not take: refused before it is forwarded, applied or stored, and its socket is
 * closed with `closeCode`. `reason` is for the log (node, mark and attribute names, never content); the client is
 * told only the close code and a short fixed text (a close reason is at most 123 bytes).
 */
export class ChangeRefused extends Error {
  override name = 'ChangeRefused'

  private constructor(
    readonly closeCode: number,
    readonly closeReason: string,
    readonly reason: string,
  ) {
    super(reason)
  }

  /** The change would leave the editor a document it cannot read. */
  static unreadable(reason: string): ChangeRefused {
    return new ChangeRefused(CloseCode.MALFORMED, 'change refused: the editor could not read the document', reason)
  }

  /** The change would take the document past MAX_DOCUMENT_BYTES. */
  static tooLarge(bytes: number, max: number): ChangeRefused {
    return new ChangeRefused(CloseCode.TOO_LARGE, 'change refused: the document would pass its size limit', `${bytes} bytes > ${max}`)
  }
}
