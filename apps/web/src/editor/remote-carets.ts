import type { Editor } from '@tiptap/core'
import type { Awareness } from 'y-protocols/awareness'

/**
 * Co-authors' carets and selections. A caret is a bar in the person's colour with a small flag on top; their name
 * shows above it only for a few seconds after the caret appears or moves, and while the pointer is on the flag, so
 * at rest it covers nothing of the line above.
 */
export const LABEL_SHOWN_MS = 3_000

function safeColour(user: Record<string, unknown>): string {
  return typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#37474f'
}

/**
 * A co-author's selection: their colour at 18 % over the page, light enough that any text on it (links included)
 * keeps ≥ 4.5:1 contrast (y-tiptap's default, 44 %, does not).
 */
export function selectionRender(user: Record<string, unknown>) {
  return { style: `background-color: ${safeColour(user)}2e`, class: 'ProseMirror-yjs-selection' }
}

/** A co-author's caret: the bar and flag in their colour, and their name on a label (white on it: AA contrast). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'collaboration-carets__caret'
  caret.setAttribute('aria-hidden', 'true')
  const color = safeColour(user)
  caret.style.borderColor = color
  caret.style.setProperty('--caret-colour', color)
  if (typeof user.id === 'string') caret.dataset.userId = user.id
  const label = document.createElement('span')
  label.className = 'collaboration-carets__label'
  label.style.backgroundColor = color
  label.textContent = typeof user.name === 'string' ? user.name : ''
  caret.append(label)
  showLabel(caret)
  return caret
}

const hideTimers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>()

/** Shows the caret's name for LABEL_SHOWN_MS (again, if it was showing). */
function showLabel(caret: HTMLElement): void {
  caret.dataset.moved = ''
  clearTimeout(hideTimers.get(caret))
  hideTimers.set(
    caret,
    setTimeout(() => delete caret.dataset.moved, LABEL_SHOWN_MS),
  )
}

/**
 * Shows a co-author's name when their caret moves. A caret that moves to another block is drawn anew (renderCaret
 * shows it); one that moves within its text keeps its element, so the awareness change is watched too.
 */
export function showNamesOnMove(editor: Editor, awareness: Awareness): () => void {
  const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
    const ids = new Set<string>()
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const user = (awareness.getStates().get(clientId) as { user?: { id?: unknown } } | undefined)?.user
      if (typeof user?.id === 'string') ids.add(user.id)
    }
    if (ids.size === 0 || editor.isDestroyed) return
    // After the caret plugin has drawn the change (it listens to the same event).
    queueMicrotask(() => {
      if (editor.isDestroyed) return
      for (const caret of editor.view.dom.querySelectorAll<HTMLElement>('.collaboration-carets__caret[data-user-id]')) {
        if (ids.has(caret.dataset.userId!)) showLabel(caret)
      }
    })
  }
  awareness.on('change', onChange)
  return () => awareness.off('change', onChange)
}
