import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import './toolbar-overflow-menu.css'

/** Pixels kept between the menu and the screen's edge; the tallest the menu grows. */
const MARGIN = 8
const MAX_HEIGHT = 512

export interface OverflowTool {
  key: string
  label: string
  glyph: ReactNode
  run: () => void
  pressed?: boolean
  disabled?: boolean
}

/**
 * "More tools": the toolbar's last button, holding the tools that do not fit on a phone's row. A menu button as the
 * WAI-ARIA pattern has it: aria-haspopup/expanded; opened by keyboard (Enter, Space, ↓, ↑) the focus goes into the
 * menu, where ↑ ↓ Home End and a first letter move and Escape closes it and returns to the button. Opened by touch or
 * mouse the focus stays in the document, so a phone's keyboard and caret stay where they were.
 */
export function ToolbarOverflowMenu({
  tools,
  buttonRef,
  tabIndex,
  onFocus,
}: {
  tools: OverflowTool[]
  buttonRef: Ref<HTMLButtonElement>
  tabIndex: number
  onFocus: () => void
}) {
  const { t } = useTranslation('editor')
  const id = useId()
  const [open, setOpen] = useState(false)
  const wrap = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement | null>(null)
  const items = useRef<Array<HTMLButtonElement | null>>([])
  const focusOnOpen = useRef<'first' | 'last' | null>(null)
  const [room, setRoom] = useState<{ up: boolean; height: number } | null>(null)

  function show(focus: 'first' | 'last' | null) {
    focusOnOpen.current = focus
    setOpen(true)
  }

  // The menu opens where the screen has room for it: below the button, or above when the toolbar is low (a phone's
  // keyboard takes the bottom of the screen: the visual viewport is what is left).
  useLayoutEffect(() => {
    if (!open || !button.current) return
    const rect = button.current.getBoundingClientRect()
    const top = window.visualViewport?.offsetTop ?? 0
    const bottom = top + (window.visualViewport?.height ?? window.innerHeight)
    const below = bottom - rect.bottom - MARGIN
    const above = rect.top - top - MARGIN
    const up = below < 240 && above > below
    setRoom({ up, height: Math.min(MAX_HEIGHT, Math.floor(up ? above : below)) })
  }, [open])

  useLayoutEffect(() => {
    if (!open || !focusOnOpen.current) return
    items.current[focusOnOpen.current === 'first' ? 0 : tools.length - 1]?.focus()
    focusOnOpen.current = null
  }, [open, tools.length])

  function close(returnFocus: boolean) {
    setOpen(false)
    if (returnFocus) button.current?.focus()
  }

  // Closes on a touch or click elsewhere, and on Escape wherever the focus is (it may have stayed in the document).
  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!wrap.current?.contains(event.target as Node)) setOpen(false)
    }
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !wrap.current?.contains(document.activeElement)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('pointerdown', onPointerDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open])

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // The toolbar's own arrow keys must not see these.
    event.stopPropagation()
    const at = items.current.findIndex((item) => item === document.activeElement)
    const focus = (index: number) => items.current[(index + tools.length) % tools.length]?.focus()
    if (event.key === 'ArrowDown') focus(at + 1)
    else if (event.key === 'ArrowUp') focus(at - 1)
    else if (event.key === 'Home') focus(0)
    else if (event.key === 'End') focus(tools.length - 1)
    else if (event.key === 'Escape') close(true)
    else if (event.key === 'Tab') {
      setOpen(false)
      return
    } else if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLocaleLowerCase()
      const order = tools.map((_, index) => (at + 1 + index) % tools.length)
      const match = order.find((index) => tools[index]!.label.toLocaleLowerCase().startsWith(letter))
      if (match === undefined) return
      focus(match)
    } else return
    event.preventDefault()
  }

  return (
    <div className="toolbar-more" data-more="" ref={wrap}>
      <button
        ref={(element) => {
          button.current = element
          if (typeof buttonRef === 'function') buttonRef(element)
          else if (buttonRef) buttonRef.current = element
        }}
        id={`${id}-button`}
        type="button"
        className="tool"
        tabIndex={tabIndex}
        title={t('toolbar.more')}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onFocus={onFocus}
        // Keep the editor's selection (and a phone's keyboard): the tools act on it.
        onMouseDown={(event) => event.preventDefault()}
        onClick={(event) => {
          if (open) close(false)
          // A click without a pointer (detail 0) came from Enter or Space.
          else show(event.detail === 0 ? 'first' : null)
        }}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
          event.preventDefault()
          event.stopPropagation()
          show(event.key === 'ArrowDown' ? 'first' : 'last')
        }}
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="currentColor" className="glyph">
          <circle cx="5" cy="12" r="2" />
          <circle cx="12" cy="12" r="2" />
          <circle cx="19" cy="12" r="2" />
        </svg>
        <span className="visually-hidden">{t('toolbar.more')}</span>
      </button>
      <div
        id={`${id}-menu`}
        role="menu"
        aria-labelledby={`${id}-button`}
        className={room?.up ? 'toolbar-menu toolbar-menu-up' : 'toolbar-menu'}
        style={room ? { maxBlockSize: `${room.height}px` } : undefined}
        hidden={!open}
        onKeyDown={onMenuKeyDown}
      >
        {tools.map((tool, index) => (
          <button
            key={tool.key}
            ref={(element) => {
              items.current[index] = element
            }}
            type="button"
            role={tool.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={tool.pressed === undefined ? undefined : tool.pressed}
            aria-disabled={tool.disabled || undefined}
            tabIndex={-1}
            className="toolbar-menu-item"
            data-menu-tool={tool.key}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              if (tool.disabled) return
              setOpen(false)
              tool.run()
            }}
          >
            <span aria-hidden="true" className="toolbar-menu-glyph">
              {tool.glyph}
            </span>
            <span>{tool.label}</span>
          </button>
        ))}
      </div>
    </div>
  )
}
