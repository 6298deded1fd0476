import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './idea-details-drawer.css'

/**
 * The idea's details (status, cluster, goals, co-authors) where the screen is too narrow to show them beside the
 * document: a button at the top of the page opens them in a sheet. A native modal <dialog>: the page behind is inert,
 * Tab wraps around inside the sheet (the browser would otherwise step out to its own address bar), Escape or Close
 * shuts it and the focus returns to the button.
 */
export function IdeaDetailsDrawer({ children }: { children: ReactNode }) {
  const { t } = useTranslation('editor')
  const id = useId()
  const [open, setOpen] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  const button = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    if (!open && element.open) element.close()
  }, [open])

  return (
    <>
      <button ref={button} type="button" className="secondary details-button" aria-haspopup="dialog" aria-controls={id} onClick={() => setOpen(true)}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 11v6M12 7.5v.01" />
        </svg>
        {t('details.open')}
      </button>
      <dialog
        ref={dialog}
        id={id}
        className="details-drawer"
        aria-label={t('meta.heading')}
        onClose={() => {
          setOpen(false)
          button.current?.focus()
        }}
        // A tap on the shaded page around the sheet closes it (the sheet's own content fills the dialog box).
        onClick={(event) => {
          if (event.target === event.currentTarget) event.currentTarget.close()
        }}
        onKeyDown={wrapTab}
      >
        <div className="details-drawer-body">
          <div className="details-drawer-bar">
            <button type="button" className="secondary" autoFocus onClick={() => dialog.current?.close()}>
              {t('details.close')}
            </button>
          </div>
          {children}
        </div>
      </dialog>
    </>
  )
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]'

/** Tab from the sheet's last control goes to its first, Shift+Tab from the first to the last. */
function wrapTab(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return
  const controls = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && !element.matches(':disabled') && element.checkVisibility(),
  )
  const first = controls[0]
  const last = controls[controls.length - 1]
  if (!first || !last) return
  const at = document.activeElement
  if (event.shiftKey ? at === first || !event.currentTarget.contains(at) : at === last) {
    event.preventDefault()
    ;(event.shiftKey ? last : first).focus()
  }
}
