import type { JSONContent } from '@tiptap/core'
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string'
import { docNodeFromJson } from './doc-node.ts'
import { editorExtensions } from './extensions.ts'

/**
 * Renders a document to an HTML string without a browser DOM (works in Node).
 *
 * Uses each extension's own `renderHTML`, so the markup matches what the
 * editor produces. Text and attribute values are HTML-escaped. Link hrefs
 * with a disallowed protocol (e.g. `javascript:`) are rendered as `href=""`.
 * Throws a RangeError if `json` is not a valid document (see docNodeFromJson).
 */
export function proseMirrorJsonToHtml(json: JSONContent): string {
  return renderToHTMLString({ content: docNodeFromJson(json), extensions: editorExtensions })
}
