import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useMediaQuery } from '../lib/use-media-query.ts'
import { ToolbarOverflowMenu } from './toolbar-overflow-menu.tsx'
import { useToolbarFit } from './use-toolbar-fit.ts'

interface ToolButton {
  key: string
  label: string
  glyph: ReactNode
  run: () => void
  pressed?: boolean
  disabled?: boolean
}

/** The tools a narrow row keeps longest, first first; the rest go into "More tools" (a phone keeps about six). */
const KEEP = ['undo', 'redo', 'bold', 'italic', 'h2', 'bullet', 'link', 'h3', 'ordered', 'h1', 'task', 'table']
/** From this width the toolbar wraps onto a second row instead: every tool stays in the bar. */
const ROOM_FOR_EVERY_TOOL = '(min-width: 600px)'

/**
 * The formatting toolbar: one tab stop (a roving tabindex: arrows, Home and End move between buttons, mirrored in
 * right-to-left pages), every button labelled, toggles report aria-pressed. On a phone one row holds what fits and
 * the last button, "More tools", opens a menu with the rest.
 */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation('editor')
  const [current, setCurrent] = useState(0)
  const [linkOpen, setLinkOpen] = useState(false)
  const refs = useRef<Array<HTMLButtonElement | null>>([])
  const row = useRef<HTMLDivElement>(null)
  const wraps = useMediaQuery(ROOM_FOR_EVERY_TOOL)

  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive('heading', { level: 1 }),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      task: e.isActive('taskList'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })

  const chain = () => editor.chain().focus()
  const buttons: ToolButton[] = [
    { key: 'undo', label: t('toolbar.undo'), glyph: <Glyph d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3" />, run: () => chain().undo().run(), disabled: !state.canUndo },
    { key: 'redo', label: t('toolbar.redo'), glyph: <Glyph d="m15 14 5-5-5-5M20 9H9a5 5 0 0 0 0 10h3" />, run: () => chain().redo().run(), disabled: !state.canRedo },
    { key: 'h1', label: t('toolbar.heading1'), glyph: <TextGlyph text="H1" />, run: () => chain().toggleHeading({ level: 1 }).run(), pressed: state.h1 },
    { key: 'h2', label: t('toolbar.heading2'), glyph: <TextGlyph text="H2" />, run: () => chain().toggleHeading({ level: 2 }).run(), pressed: state.h2 },
    { key: 'h3', label: t('toolbar.heading3'), glyph: <TextGlyph text="H3" />, run: () => chain().toggleHeading({ level: 3 }).run(), pressed: state.h3 },
    { key: 'bold', label: t('toolbar.bold'), glyph: <b>B</b>, run: () => chain().toggleBold().run(), pressed: state.bold },
    { key: 'italic', label: t('toolbar.italic'), glyph: <i>I</i>, run: () => chain().toggleItalic().run(), pressed: state.italic },
    { key: 'bullet', label: t('toolbar.bulletList'), glyph: <Glyph d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" />, run: () => chain().toggleBulletList().run(), pressed: state.bullet },
    { key: 'ordered', label: t('toolbar.orderedList'), glyph: <Glyph d="M10 6h10M10 12h10M10 18h10M4 5h1v4M4 9h2M4 15h2l-2 3h2" />, run: () => chain().toggleOrderedList().run(), pressed: state.ordered },
    { key: 'task', label: t('toolbar.taskList'), glyph: <Glyph d="M4 5h4v4H4zM4 15h4v4H4zM12 7h8M12 17h8M5 17l1 1 2-2" />, run: () => chain().toggleTaskList().run(), pressed: state.task },
    { key: 'link', label: t('toolbar.link'), glyph: <Glyph d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1" />, run: () => setLinkOpen((open) => !open), pressed: state.link || linkOpen },
    { key: 'table', label: t('toolbar.insertTable'), glyph: <Glyph d="M4 5h16v14H4zM4 10h16M4 15h16M10 5v14M15 5v14" />, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), disabled: state.inTable },
    { key: 'addRow', label: t('toolbar.addRow'), glyph: <Glyph d="M4 5h16v8H4zM4 9h16M12 16v6M9 19h6" />, run: () => chain().addRowAfter().run(), disabled: !state.inTable },
    { key: 'addColumn', label: t('toolbar.addColumn'), glyph: <Glyph d="M4 4h8v16H4zM8 4v16M16 12h6M19 9v6" />, run: () => chain().addColumnAfter().run(), disabled: !state.inTable },
    { key: 'deleteRow', label: t('toolbar.deleteRow'), glyph: <Glyph d="M4 5h16v8H4zM4 9h16M9 19h6" />, run: () => chain().deleteRow().run(), disabled: !state.inTable },
    { key: 'deleteColumn', label: t('toolbar.deleteColumn'), glyph: <Glyph d="M4 4h8v16H4zM8 4v16M16 12h6" />, run: () => chain().deleteColumn().run(), disabled: !state.inTable },
    { key: 'deleteTable', label: t('toolbar.deleteTable'), glyph: <Glyph d="M4 5h16v14H4zM8 9l8 6M16 9l-8 6" />, run: () => chain().deleteTable().run(), disabled: !state.inTable },
  ]
  const fit = useToolbarFit(row, buttons.map((button) => button.key), KEEP, !wraps)
  const inRow = fit ? buttons.filter((button) => fit.includes(button.key)) : buttons
  const inMenu = fit ? buttons.filter((button) => !fit.includes(button.key)) : []
  // The roving tab stop runs over the row's buttons, then "More tools" when there is one.
  const count = inRow.length + (inMenu.length > 0 ? 1 : 0)
  const active = Math.min(current, count - 1)

  function move(to: number) {
    const next = (to + count) % count
    setCurrent(next)
    refs.current[next]?.focus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl'
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight'
    const back = rtl ? 'ArrowRight' : 'ArrowLeft'
    if (event.key === forward) move(active + 1)
    else if (event.key === back) move(active - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(count - 1)
    else return
    event.preventDefault()
  }

  return (
    <div className="editor-toolbar-wrap">
      <div ref={row} role="toolbar" aria-label={t('toolbar.label')} aria-controls="idea-editor-content" className="editor-toolbar" onKeyDown={onKeyDown}>
        {inRow.map((button, index) => (
          <button
            key={button.key}
            ref={(element) => {
              refs.current[index] = element
            }}
            type="button"
            className="tool"
            tabIndex={index === active ? 0 : -1}
            title={button.label}
            aria-pressed={button.pressed === undefined ? undefined : button.pressed}
            aria-disabled={button.disabled || undefined}
            data-tool={button.key}
            onFocus={() => setCurrent(index)}
            // Keep the editor's selection: the button acts on it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (!button.disabled) button.run()
            }}
          >
            <span aria-hidden="true">{button.glyph}</span>
            {/* The name comes from this text, not aria-label, so letters like "H1" need not be part of it. */}
            <span className="visually-hidden">{button.label}</span>
          </button>
        ))}
        {inMenu.length > 0 && (
          <ToolbarOverflowMenu
            tools={inMenu}
            buttonRef={(element) => {
              refs.current[inRow.length] = element
            }}
            tabIndex={active === inRow.length ? 0 : -1}
            onFocus={() => setCurrent(inRow.length)}
          />
        )}
      </div>
      {linkOpen && <LinkForm editor={editor} onDone={() => setLinkOpen(false)} />}
    </div>
  )
}

/** Letters drawn as an image, so the button's name is its label alone ("Heading 1", not "H1"). */
function TextGlyph({ text }: { text: string }) {
  return (
    <svg width="24" height="20" viewBox="0 0 24 20" className="glyph">
      <text x="12" y="15" textAnchor="middle" fontSize="14" fontWeight="700" fill="currentColor" fontFamily="system-ui, sans-serif">
        {text}
      </text>
    </svg>
  )
}

function Glyph({ d }: { d: string }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="glyph">
      <path d={d} />
    </svg>
  )
}

/** Adds, changes or removes the link on the selected text. */
function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation('editor')
  const id = useId()
  const [href, setHref] = useState<string>(() => (editor.getAttributes('link').href as string | undefined) ?? '')
  const [error, setError] = useState(false)

  function apply() {
    const value = href.trim()
    if (value === '') {
      editor.chain().focus().extendMarkRange('link').unsetLink().run()
      onDone()
      return
    }
    const url = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`
    if (!/^(https?|mailto|tel):/i.test(url)) {
      setError(true)
      return
    }
    const chain = editor.chain().focus().extendMarkRange('link').setLink({ href: url })
    chain.run()
    onDone()
  }

  return (
    <form
      className="link-form"
      // "example.org" is fine here (https:// is added): the browser's own url check would refuse it.
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        apply()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onDone()
          editor.commands.focus()
        }
      }}
    >
      <label htmlFor={id}>{t('link.address')}</label>
      <div className="row">
        <input
          id={id}
          type="url"
          inputMode="url"
          dir="ltr"
          autoFocus
          value={href}
          placeholder="https://"
          aria-invalid={error || undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setHref(event.target.value)
            setError(false)
          }}
        />
        <button type="submit">{t('link.apply')}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            editor.chain().focus().extendMarkRange('link').unsetLink().run()
            onDone()
          }}
        >
          {t('link.remove')}
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="error-text">
          {t('link.invalid')}
        </p>
      )}
    </form>
  )
}
