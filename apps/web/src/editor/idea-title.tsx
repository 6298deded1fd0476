import { IDEA_TITLE_MAX, type Idea } from '@tandem/shared'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CharacterLimit, useCutNotice } from '../components/character-limit.tsx'
import { formatNumber } from '../i18n/format.ts'
import { ApiError, NetworkError } from '../lib/api.ts'
import { apiErrorMessage } from '../lib/api-error-message.ts'

/**
 * The idea's title above the document: the one place it is shown on the idea's page, and where members rename it
 * (observers read it). It is the idea's record's (PATCH, the same rules: not blank, at most IDEA_TITLE_MAX
 * characters); the document itself holds no title.
 */
export function IdeaTitle({ idea, editable, onRename }: { idea: Idea; editable: boolean; onRename: (title: string) => Promise<unknown> }) {
  const { t } = useTranslation('editor')
  const [editing, setEditing] = useState(false)
  const renameButton = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)

  useEffect(() => {
    if (!editing && returnFocus.current) renameButton.current?.focus()
    returnFocus.current = false
  }, [editing])

  if (!editable || !editing) {
    return (
      <div className="idea-title-row">
        <h1 dir="auto" id="idea-title">
          {idea.title}
        </h1>
        {editable && (
          <button ref={renameButton} type="button" className="secondary small rename-button" aria-describedby="idea-title" onClick={() => setEditing(true)}>
            <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4" />
            </svg>
            {/* On a phone the pencil alone, so the title keeps its line; the word stays the button's name. */}
            <span className="rename-label">{t('title.rename')}</span>
          </button>
        )}
      </div>
    )
  }
  const done = () => {
    returnFocus.current = true
    setEditing(false)
  }
  return (
    <div className="idea-title-row">
      {/* The page keeps its heading while the form is open. */}
      <h1 className="visually-hidden">{idea.title}</h1>
      <RenameForm idea={idea} onRename={onRename} onDone={done} />
    </div>
  )
}

function RenameForm({ idea, onRename, onDone }: { idea: Idea; onRename: (title: string) => Promise<unknown>; onDone: () => void }) {
  const { t } = useTranslation('editor')
  const common = useTranslation()
  const id = useId()
  const [value, setValue] = useState(idea.title)
  const cutNotice = useCutNotice(IDEA_TITLE_MAX)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    const title = value.trim()
    if (!title) {
      setProblem(t('title.required'))
      return
    }
    if (title === idea.title) return onDone()
    setBusy(true)
    setProblem(null)
    try {
      await onRename(title)
      onDone()
    } catch (cause) {
      setProblem(
        cause instanceof NetworkError
          ? t('meta.offline')
          : cause instanceof ApiError && cause.status === 400
            ? apiErrorMessage(common.t, cause, common.i18n.resolvedLanguage)
            : t('meta.failed', { message: cause instanceof ApiError ? cause.message : String(cause) }),
      )
      setBusy(false)
    }
  }

  const describedBy = `${id}-hint ${id}-count${problem ? ` ${id}-problem` : ''}`
  return (
    <form className="idea-title-form" onSubmit={(event) => void submit(event)} aria-busy={busy}>
      <label htmlFor={id}>{t('meta.title')}</label>
      <input
        id={id}
        className="idea-title-input"
        dir="auto"
        value={value}
        maxLength={IDEA_TITLE_MAX}
        autoFocus
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => setValue(event.target.value)}
        onPaste={cutNotice.onPaste}
        onDrop={cutNotice.onDrop}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            onDone()
          }
        }}
      />
      <p id={`${id}-hint`} className="muted small">
        {t('title.hint', { max: formatNumber(IDEA_TITLE_MAX) })}
      </p>
      <CharacterLimit id={`${id}-count`} length={value.length} maxLength={IDEA_TITLE_MAX} had={cutNotice.had} />
      {problem && (
        <p id={`${id}-problem`} className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t('title.save')}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('meta.cancel')}
        </button>
      </div>
    </form>
  )
}
