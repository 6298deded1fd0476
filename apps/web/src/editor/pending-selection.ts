import type { Editor } from '@tiptap/core'

interface SelectionRange {
  anchorNode: Node | null
}
interface ViewInternals {
  domObserver?: { currentSelection: { eq(range: SelectionRange): boolean }; flush(): void }
  domSelectionRange(): SelectionRange
  composing: boolean
}

/**
 * Lets the editor read a selection the person made that it has not read yet, before the page changes the editor
 * (its props, editability, the user on its caret). A click moves the DOM selection at once, but ProseMirror reads it
 * when `selectionchange` fires, a task later; an update in between writes the older selection back, and the click is
 * lost (the caret snapped to the document's start after a quick click on a freshly opened idea). The same guard runs
 * inside the Yjs binding for co-authors' changes (patches/@tiptap+y-tiptap+3.0.9.patch, readPendingSelection).
 */
export function readPendingSelection(editor: Editor): void {
  if (editor.isDestroyed) return
  try {
    const view = editor.view as unknown as ViewInternals & { hasFocus(): boolean }
    const observer = view.domObserver
    if (!observer || view.composing || !view.hasFocus()) return
    const range = view.domSelectionRange()
    if (range.anchorNode && !observer.currentSelection.eq(range)) observer.flush()
  } catch {
    // A view without these internals (another ProseMirror version): nothing read early, as before.
  }
}
