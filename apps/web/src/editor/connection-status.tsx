import { useTranslation } from 'react-i18next'
import type { ConnectionState, SaveState } from './collab-session.ts'

/**
 * The connection (connecting / live / offline / read-only), a polite live region (a screen reader hears "Offline"
 * when it happens), and whether the server has stored every change (shown, not announced at each keystroke; the
 * offline banner says that work is kept on the device).
 */
export function ConnectionStatus({ connection, save, readOnly }: { connection: ConnectionState; save: SaveState; readOnly: boolean }) {
  const { t } = useTranslation('editor')
  const shown = readOnly && connection === 'live' ? 'readOnly' : connection
  return (
    <div className="connection-status">
      {/* Only the connection is announced: the save state changes with every keystroke. */}
      <span role="status" className={`status-pill status-${shown}`} data-connection={shown}>
        <span className="status-dot" aria-hidden="true" />
        {t(`connection.${shown}`)}
      </span>
      {!readOnly && connection !== 'closed' && (
        <span className={`save-state save-${save}`} data-save={save}>
          {t(`save.${save}`)}
        </span>
      )}
    </div>
  )
}
