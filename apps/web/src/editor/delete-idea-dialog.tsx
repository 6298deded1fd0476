import { useEffect, useRef, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/error-alert.tsx'

/**
 * Asks before an idea is deleted, naming it. A native modal <dialog>: focus moves to Cancel, Escape cancels, and focus
 * goes back to the button that opened it.
 */
export function DeleteIdeaDialog({
  open,
  title,
  busy,
  error,
  returnFocusTo,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  busy: boolean
  error: unknown
  /** Focused once the dialog has closed (the browser would give focus back to the menu item, hidden by then). */
  returnFocusTo: RefObject<HTMLElement | null>
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t } = useTranslation('editor')
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) {
      dialog.close()
      returnFocusTo.current?.focus()
    }
  }, [open, returnFocusTo])
  return (
    <dialog
      ref={ref}
      className="restore-dialog delete-idea-dialog"
      aria-labelledby="delete-idea-title"
      aria-describedby="delete-idea-body"
      onCancel={(event) => {
        event.preventDefault()
        if (!busy) onCancel()
      }}
    >
      <h2 id="delete-idea-title" dir="auto">
        {t('deleteIdea.title', { title })}
      </h2>
      <p id="delete-idea-body">{t('deleteIdea.body')}</p>
      <ErrorAlert error={error} />
      <div className="row dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} disabled={busy} autoFocus>
          {t('deleteIdea.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {busy ? t('deleteIdea.deleting') : t('deleteIdea.confirm')}
        </button>
      </div>
    </dialog>
  )
}
