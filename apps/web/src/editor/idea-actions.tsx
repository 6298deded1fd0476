import type { Idea } from '@tandem/shared'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'wouter'
import { api, ApiError } from '../lib/api.ts'
import { DeleteIdeaDialog } from './delete-idea-dialog.tsx'
import { ideaPath } from './idea-path.ts'
import type { DeletedIdeaState } from '../components/deleted-idea-notice.tsx'
import './idea-actions.css'
import './print.css'

type Copy = { kind: 'copied' } | { kind: 'manual'; url: string } | null
const COPIED_SHOWN_MS = 5_000

/**
 * The idea's "More" menu in its header: download as Word, print (or save as PDF), copy the link, and for facilitators
 * and admins, delete. A disclosure button and a list of actions: Escape or a click elsewhere closes it and focus
 * goes back to the button.
 */
export function IdeaActions({ idea, canDelete }: { idea: Idea; canDelete: boolean }) {
  const { t, i18n } = useTranslation('editor')
  const [, navigate] = useLocation()
  const [open, setOpen] = useState(false)
  const [copy, setCopy] = useState<Copy>(null)
  const [confirming, setConfirming] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deleteError, setDeleteError] = useState<unknown>(null)
  const panelId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const manualRef = useRef<HTMLInputElement>(null)

  const path = ideaPath(idea.networkSlug, idea.id)
  const language = i18n.resolvedLanguage ?? 'en'
  const docxHref = `/api${path}/export.docx?lang=${encodeURIComponent(language)}`

  function close(focusButton: boolean) {
    setOpen(false)
    if (focusButton) buttonRef.current?.focus()
  }

  // A click or a tap outside closes the menu.
  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    panelRef.current?.querySelector<HTMLElement>('a, button')?.focus()
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  useEffect(() => {
    if (copy?.kind !== 'copied') return
    const timer = window.setTimeout(() => setCopy(null), COPIED_SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [copy])

  useEffect(() => {
    if (copy?.kind === 'manual') manualRef.current?.select()
  }, [copy])

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return
    if (open) close(true)
    else if (copy?.kind === 'manual') {
      setCopy(null)
      buttonRef.current?.focus()
    } else return
    event.stopPropagation()
  }

  async function copyLink() {
    close(true)
    const url = new URL(path, window.location.origin).href
    try {
      // Undefined on a page served over plain http (not a secure context): the fallback below then shows the link.
      await navigator.clipboard.writeText(url)
      setCopy({ kind: 'copied' })
    } catch {
      setCopy({ kind: 'manual', url })
      window.setTimeout(() => manualRef.current?.focus(), 0)
    }
  }

  function print() {
    close(true)
    window.print()
  }

  async function deleteIdea() {
    setDeleting(true)
    setDeleteError(null)
    try {
      await api.delete(path)
    } catch (error) {
      // Already gone (deleted in another tab or by someone else): the outcome the person asked for.
      if (!(error instanceof ApiError && error.status === 404)) {
        setDeleteError(error)
        setDeleting(false)
        return
      }
    }
    const state: DeletedIdeaState = { deletedIdea: idea.title }
    navigate(`/networks/${encodeURIComponent(idea.networkSlug)}`, { state })
  }

  return (
    <div className="idea-actions" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="idea-actions"
        onClick={() => setOpen((was) => !was)}
      >
        {t('actions.menu')} <span aria-hidden="true">▾</span>
      </button>
      <div
        ref={panelRef}
        id={panelId}
        className="idea-actions-panel"
        hidden={!open}
        onBlur={(event) => {
          // Tabbing out of the menu closes it.
          const next = event.relatedTarget as Node | null
          if (next && !panelRef.current?.contains(next) && next !== buttonRef.current) setOpen(false)
        }}
      >
        <ul>
          <li>
            <a href={docxHref} download onClick={() => close(false)}>
              {t('actions.downloadDocx')}
            </a>
          </li>
          <li>
            <button type="button" onClick={print}>
              {t('actions.print')}
            </button>
          </li>
          <li>
            <button type="button" onClick={() => void copyLink()}>
              {t('actions.copyLink')}
            </button>
          </li>
          {canDelete && (
            <li className="idea-actions-danger">
              <button
                type="button"
                onClick={() => {
                  close(false)
                  setDeleteError(null)
                  setConfirming(true)
                }}
              >
                {t('actions.delete')}
              </button>
            </li>
          )}
        </ul>
      </div>
      <span role="status" className="idea-actions-status">
        {copy?.kind === 'copied' ? t('actions.linkCopied') : ''}
      </span>
      {copy?.kind === 'manual' && (
        <div className="idea-link-fallback" data-testid="copy-link-fallback">
          <label htmlFor={`${panelId}-link`}>{t('actions.copyManually')}</label>
          <div className="copy-row">
            <input ref={manualRef} id={`${panelId}-link`} type="text" readOnly dir="ltr" value={copy.url} onFocus={(event) => event.target.select()} />
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setCopy(null)
                buttonRef.current?.focus()
              }}
            >
              {t('actions.close')}
            </button>
          </div>
        </div>
      )}
      <DeleteIdeaDialog
        open={confirming}
        title={idea.title}
        busy={deleting}
        error={deleteError}
        onConfirm={() => void deleteIdea()}
        returnFocusTo={buttonRef}
        onCancel={() => setConfirming(false)}
      />
    </div>
  )
}
