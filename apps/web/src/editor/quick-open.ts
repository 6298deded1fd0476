import type { Idea, MeResponse } from '@tandem/shared'
import type { Editor } from '@tiptap/core'
import { peekPrefetched } from '../lib/api.ts'
import { copiesBelongTo } from '../lib/local-copies.ts'
import { acquireSession, releaseSession, type CollabSession } from './collab-session.ts'
import { readPendingSelection } from './pending-selection.ts'
import { ideaPath } from './idea-path.ts'
import { canWrite, roleOf } from './role.ts'
import { colourFor } from './user-colour.ts'
import './editor.css'

/** After the editor appears, the app loads next even if the document has not arrived yet. */
const WAIT_AFTER_MOUNT_MS = 1_500
/** An editor no page took in this long (the person went elsewhere before the app loaded) is put away. */
const GIVE_UP_MS = 60_000

/**
 * Opened straight on an idea (a link, a reload), a person who may write gets the editor before React, the app's
 * screens and the language catalogues arrive: on a slow connection these are more than half the bytes, and the
 * editor alone is editable seconds sooner. It shows the idea's title and the document, editable once the document
 * has loaded; keyboard shortcuts work, the toolbar comes with the app. The idea page then takes this editor over
 * (collab-session offerEditor/takeEditor) with its session, its socket and the caret where it was.
 *
 * boot.ts calls it, online, for an idea's own path. Resolves when the editor is editable, when there is nothing to
 * do quickly (an observer, any failure: the app's own path handles those), or soon after the editor appears, so the
 * app loads next without competing with the editor for the connection. Never rejects.
 */
export async function quickOpen(target: { slug: string; id: string }): Promise<void> {
  // The editor (TipTap, ProseMirror: most of the bytes) is its own chunk, so the socket below opens as soon as the
  // small session chunk, the session and the idea are in, while the editor is still arriving.
  const editorChunk = import('./editor-setup.ts')
  editorChunk.catch(() => undefined)
  let me: MeResponse
  let idea: Idea
  try {
    // Asked for by boot.ts while this chunk was loading, and left for the app's own screens to take.
    ;[me, idea] = await Promise.all([peekPrefetched<MeResponse>('/me'), peekPrefetched<Idea>(ideaPath(target.slug, target.id))])
  } catch {
    return
  }
  if (!canWrite(roleOf(me, idea.networkSlug))) return
  // This browser holds another person's copies: the app erases them before any document is opened.
  if (!copiesBelongTo(me.user.id)) return

  const session = acquireSession(idea.id, idea.room)
  const user = { id: me.user.id, name: me.user.displayName, color: colourFor(me.user.id) }
  session.setUser(user)
  let view: { root: HTMLElement; holder: HTMLElement } | null = null
  try {
    const { createIdeaEditor, editorAttributes, isBound } = await editorChunk
    view = quickView(idea.title)
    const editor = createIdeaEditor({ session, user, editable: false, label: idea.title, element: view.holder })
    return await handOver(session, editor, isBound(editor), view.root, () => editorAttributes(idea.title, true))
  } catch {
    view?.root.remove()
    releaseSession(session)
  }
}

/**
 * Makes the editor editable when the document has loaded and offers it to the idea page. Until the page has taken
 * it over, a permanent close (no access any more, the idea deleted) or a minute with no page puts it away.
 */
function handOver(
  session: CollabSession,
  editor: Editor,
  bound: boolean,
  root: HTMLElement,
  editableAttributes: () => Record<string, string>,
): Promise<void> {
  return new Promise((resolve) => {
    let ended = false
    /** Our part is over: the page took the editor (`adopted`), or nobody will (`put away`). Runs once. */
    const end = (how: 'adopted' | 'put away') => {
      if (ended) return
      ended = true
      resolve()
      unsubscribe()
      clearTimeout(waited)
      clearTimeout(givenUp)
      if (how === 'put away') {
        session.withdrawEditor(editor)
        if (!editor.isDestroyed) editor.destroy()
      }
      root.remove()
      releaseSession(session)
    }
    const onState = () => {
      const state = session.getSnapshot()
      // A document the editor cannot read is the idea page's to show, read-only, saying why.
      if (state.closeCode !== null || state.unreadable || editor.isDestroyed) return end('put away')
      if (bound && state.loaded && !state.unreadable && !editor.isEditable) {
        readPendingSelection(editor)
        editor.setEditable(true)
        editor.setOptions({ editorProps: { attributes: editableAttributes() } })
      }
      if (editor.isEditable) resolve()
    }
    const unsubscribe = session.subscribe(onState)
    const waited = setTimeout(resolve, WAIT_AFTER_MOUNT_MS)
    const givenUp = setTimeout(() => end('put away'), GIVE_UP_MS)
    // The page calls this once the editor's element is inside it: the quick view is empty, the page holds the session.
    session.offerEditor(editor, () => end('adopted'))
    onState()
  })
}

/** The idea's title and a place for the editor, styled as the idea page, until the app's own page replaces it. */
function quickView(title: string): { root: HTMLElement; holder: HTMLElement } {
  const root = document.createElement('div')
  root.className = 'quick-open idea-page'
  const heading = document.createElement('h1')
  heading.dir = 'auto'
  heading.textContent = title
  const editorBox = document.createElement('div')
  editorBox.className = 'idea-editor'
  const holder = document.createElement('div')
  holder.className = 'idea-editor-content'
  editorBox.append(holder)
  root.append(heading, editorBox)
  document.body.append(root)
  return { root, holder }
}
