import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { NetworkError } from '../lib/api.ts'
import { apiErrorMessage } from '../lib/api-error-message.ts'
import { pendingIdeasSettled, type PendingIdea } from '../lib/local-copies.ts'
import { useSession } from '../lib/session.tsx'

type Phase = { kind: 'ask'; pending: PendingIdea[]; everywhere: boolean } | { kind: 'failed'; error: unknown } | null

export interface SignOut {
  /** Signs out (`everywhere`: on every device), asking first when changes made here are not stored on the server. */
  start(options?: { everywhere?: boolean }): void
  busy: boolean
  /** The dialog that asks first or says why sign-out failed; render it once wherever `start` is offered. */
  dialog: ReactNode
}

/**
 * Sign-out on a shared computer: it erases this browser's copies of ideas, so when some hold changes the server does
 * not have yet (made offline, in any tab, open or not) it names them and asks first. Sign-out needs the server: when
 * it cannot be reached, nothing is erased and the person is told.
 */
export function useSignOut(): SignOut {
  const { signOut } = useSession()
  const [, navigate] = useLocation()
  const [phase, setPhase] = useState<Phase>(null)
  const [busy, setBusy] = useState(false)

  async function finish(everywhere: boolean) {
    setBusy(true)
    try {
      await signOut({ everywhere })
      setPhase(null)
      navigate('/signin')
    } catch (error) {
      setPhase({ kind: 'failed', error })
    } finally {
      setBusy(false)
    }
  }

  async function start({ everywhere = false }: { everywhere?: boolean } = {}) {
    if (busy) return
    setBusy(true)
    const pending = await pendingIdeasSettled()
    if (pending.length > 0) {
      setBusy(false)
      setPhase({ kind: 'ask', pending, everywhere })
      return
    }
    await finish(everywhere)
  }

  const dialog = (
    <SignOutDialog phase={phase} busy={busy} onConfirm={(everywhere) => void finish(everywhere)} onClose={() => setPhase(null)} />
  )
  return { start: (options) => void start(options), busy, dialog }
}

function SignOutDialog({
  phase,
  busy,
  onConfirm,
  onClose,
}: {
  phase: Phase
  busy: boolean
  onConfirm: (everywhere: boolean) => void
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (phase && !dialog.open) dialog.showModal()
    if (!phase && dialog.open) dialog.close()
  }, [phase])

  return (
    <dialog
      ref={ref}
      className="sign-out-dialog"
      aria-labelledby="sign-out-title"
      aria-describedby="sign-out-body"
      onCancel={(event) => {
        event.preventDefault()
        onClose()
      }}
    >
      {phase?.kind === 'ask' ? (
        <>
          <h2 id="sign-out-title">{t('signOut.unsyncedTitle')}</h2>
          <div id="sign-out-body" className="stack">
            <p>{t('signOut.unsyncedBody', { count: phase.pending.length })}</p>
            <ul className="sign-out-pending" data-testid="unsynced-ideas">
              {phase.pending.map((idea) => (
                <li key={idea.id}>
                  {idea.path ? (
                    <Link href={idea.path} onClick={onClose}>
                      <bdi>{idea.title ?? t('signOut.untitled')}</bdi>
                    </Link>
                  ) : (
                    <bdi>{idea.title ?? t('signOut.untitled')}</bdi>
                  )}
                </li>
              ))}
            </ul>
            <p className="muted">{t('signOut.unsyncedHint')}</p>
          </div>
          <div className="row dialog-actions">
            <button type="button" className="secondary" onClick={onClose} autoFocus>
              {t('signOut.stay')}
            </button>
            <button type="button" className="danger" disabled={busy} onClick={() => onConfirm(phase.everywhere)}>
              {busy ? t('signOut.working') : t('signOut.eraseAndSignOut')}
            </button>
          </div>
        </>
      ) : phase?.kind === 'failed' ? (
        <>
          <h2 id="sign-out-title">{t('signOut.failedTitle')}</h2>
          <div id="sign-out-body">
            <p>{phase.error instanceof NetworkError ? t('signOut.needsConnection') : apiErrorMessage(t, phase.error, i18n.resolvedLanguage ?? 'en')}</p>
          </div>
          <div className="row dialog-actions">
            <button type="button" onClick={onClose} autoFocus>
              {t('signOut.close')}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  )
}
