/** An idea's path, in the app and (under /api) in the HTTP API. */
export function ideaPath(slug: string, id: string): string {
  return `/networks/${encodeURIComponent(slug)}/ideas/${encodeURIComponent(id)}`
}

export interface IdeaScreen {
  slug: string
  id: string
  screen: 'editor' | 'history'
}

/** The network, idea and screen (the editor or its history) of an idea's path, or null. */
export function ideaScreenOf(pathname: string): IdeaScreen | null {
  const match = /^\/networks\/([^/]+)\/ideas\/([^/]+)(\/history)?\/?$/.exec(pathname)
  if (!match) return null
  try {
    return { slug: decodeURIComponent(match[1]!), id: decodeURIComponent(match[2]!), screen: match[3] ? 'history' : 'editor' }
  } catch {
    return null
  }
}

/** The network and idea of an idea's own screen (not its history), or null. */
export function matchIdeaPath(pathname: string): { slug: string; id: string } | null {
  const found = ideaScreenOf(pathname)
  return found?.screen === 'editor' ? { slug: found.slug, id: found.id } : null
}
