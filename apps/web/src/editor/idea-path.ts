/** An idea's path, in the app and (under /api) in the HTTP API. */
export function ideaPath(slug: string, id: string): string {
  return `/networks/${encodeURIComponent(slug)}/ideas/${encodeURIComponent(id)}`
}

/** The network and idea of an idea's own screen (not its history), or null. */
export function matchIdeaPath(pathname: string): { slug: string; id: string } | null {
  const match = /^\/networks\/([^/]+)\/ideas\/([^/]+)\/?$/.exec(pathname)
  if (!match) return null
  try {
    return { slug: decodeURIComponent(match[1]!), id: decodeURIComponent(match[2]!) }
  } catch {
    return null
  }
}
