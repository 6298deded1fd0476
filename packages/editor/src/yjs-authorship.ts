import * as Y from 'yjs'

/**
 * Whether `type` and everything inside it is still exactly as the client that created it wrote it: no item of
 * another client, nothing deleted. Reads Yjs's item lists (`_item`, `_start`, `item.right`), which its typings
 * declare but its API does not document; title-heading.test.ts fails if a Yjs upgrade changes them. Attributes (an
 * element's `_map`) are not looked at.
 */
export function untouchedSinceCreated(type: Y.XmlElement): boolean {
  const creator = type._item?.id.client
  if (creator === undefined) return false
  const visit = (parent: { _start: Y.Item | null }): boolean => {
    for (let item = parent._start; item !== null; item = item.right) {
      if (item.deleted || item.id.client !== creator) return false
      if (item.content instanceof Y.ContentType && !visit(item.content.type)) return false
    }
    return true
  }
  return visit(type)
}
