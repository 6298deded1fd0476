import { useLayoutEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { CollabSession, ConnectionState } from './collab-session.ts'

/**
 * The connection (connecting / live / offline / read-only / unreadable), a polite live region (a screen reader hears "Offline"
 * when it happens), and whether the server has stored every change (shown, not announced at each keystroke; the
 * offline banner says that work is kept on the device).
 */
export function ConnectionStatus({
  session,
  connection,
  readOnly,
  unreadable = false,
}: {
  session: CollabSession
  connection: ConnectionState
  readOnly: boolean
  /** The document holds what the editor cannot read: editing is off, and "saved" would say nothing true. */
  unreadable?: boolean
}) {
  const { t } = useTranslation('editor')
  const shown = unreadable ? 'unreadable' : readOnly && connection === 'live' ? 'readOnly' : connection
  return (
    <div className="connection-status">
      {/* Only the connection is announced: the save state changes with every keystroke. */}
      <span role="status" className={`status-pill status-${shown}`} data-connection={shown}>
        <span className="status-dot" aria-hidden="true" />
        {t(`connection.${shown}`)}
      </span>
      {!readOnly && !unreadable && connection !== 'closed' && <SaveState session={session} />}
    </div>
  )
}

/**
 * "Saving…" / "Saved" / "Kept on this device", written into the page by the session's listener rather than by a
 * React render: it changes twice a keystroke, and each React commit with the caret in the editor walks the whole
 * editor's DOM (react-dom saves and restores the selection around every commit), ~2 ms a commit in a 1 MB idea.
 */
function SaveState({ session }: { session: CollabSession }) {
  const { t } = useTranslation('editor')
  const element = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    const span = element.current!
    const show = () => {
      const save = session.getSaveState()
      if (span.dataset.save === save) return
      span.dataset.save = save
      span.className = `save-state save-${save}`
      span.textContent = t(`save.${save}`)
    }
    show()
    return session.subscribe(show)
  }, [session, t])
  return <span ref={element} className="save-state" />
}
