import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * Asks before a restore, naming who is editing right now: they stay connected and see the text change, and the
 * current text is kept as a restore point. A native modal <dialog>: focus moves in, Escape cancels, focus returns.
 */
export function RestoreDialog({
  open,
  label,
  editors,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean
  label: string
  editors: string[]
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const { t, i18n } = useTranslation('editor')
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  const names = editors.length ? new Intl.ListFormat(i18n.resolvedLanguage ?? 'en', { type: 'conjunction' }).format(editors) : ''
  return (
    <dialog
      ref={ref}
      className="restore-dialog"
      aria-labelledby="restore-title"
      aria-describedby="restore-body"
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id="restore-title">{t('restore.title', { label })}</h2>
      <div id="restore-body">
        <p data-testid="restore-editors">{editors.length ? t('restore.editing', { names, count: editors.length }) : t('restore.nobodyEditing')}</p>
        <p>{t('restore.explain')}</p>
      </div>
      <div className="row dialog-actions">
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          {t('restore.cancel')}
        </button>
        <button type="button" onClick={onConfirm} disabled={busy}>
          {busy ? t('restore.restoring') : t('restore.confirm')}
        </button>
      </div>
    </dialog>
  )
}
