import type { Extensions } from '@tiptap/core'
import { TaskItem, TaskList } from '@tiptap/extension-list'
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table'
import { StarterKit } from '@tiptap/starter-kit'

/**
 * The TipTap extensions that define the Tandem document schema.
 *
 * Shared by the browser editor and the server (which reads and writes the
 * Y.Doc with the same schema), so it must stay free of React and of anything
 * that needs a DOM at import time.
 *
 * StarterKit 3 already contains: paragraph, heading, bold, italic, underline,
 * strike, code, codeBlock, blockquote, bulletList, orderedList, listItem,
 * hardBreak, horizontalRule, link, plus the editor-only helpers dropcursor,
 * gapcursor, listKeymap and trailingNode.
 *
 * Not included on purpose: Collaboration and CollaborationCaret (the web app
 * adds them with its Y.Doc and provider). StarterKit's `undoRedo` is disabled
 * because Collaboration brings its own Yjs-aware undo history; the two must
 * not be combined.
 *
 * Changing this list changes the schema: adding node or mark types is safe,
 * removing or renaming one makes existing documents lose that content.
 */
export const editorExtensions: Extensions = [
  StarterKit.configure({
    undoRedo: false,
    link: {
      // Clicking a link while writing places the cursor instead of navigating.
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
    },
  }),
  Table,
  TableRow,
  TableHeader,
  TableCell,
  TaskList,
  TaskItem.configure({ nested: true }),
]
