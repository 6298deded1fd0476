import { ErrorCode } from '@tandem/shared'
import { AppError } from '../../errors.ts'

/** The HTTP status of the app's page at a path (the page is the same; the browser app shows the friendly screen). */
export type PageStatus = 200 | 404 | 410
export type PageStatusOf = (pathname: string, cookieHeader: string | undefined) => Promise<PageStatus>

/** What the status of a page depends on; each answers as the API would. */
export interface PageLookups {
  networkExists(slug: string): Promise<boolean>
  /** GET /api/networks/:slug/ideas/:id as the session of `cookieHeader` would ask it: throws its AppError. */
  readIdea(cookieHeader: string | undefined, slug: string, id: string): Promise<unknown>
  /** GET /api/invitations/:token: throws its AppError (404 unknown, 410 used or expired). */
  describeInvitation(token: string): Promise<unknown>
}

/** The screens of apps/web/src/app.tsx that need nothing looked up. */
const PLAIN_SCREENS = new Set(['', 'signin', 'signup', 'profile', 'networks'])

/**
 * Which status the app's page answers with, so an unknown page or idea is a 404 (with the same friendly screen),
 * not a 200. A network's existence is public (the directory lists them all). An idea's is not: anyone who may not
 * read its network (signed out, not a member) gets the same answer for an idea that exists and one that does not,
 * and the idea is not even looked up for them. Without lookups (tests of the static part) every screen's path is 200.
 */
export function pageStatusOf(lookups?: PageLookups): PageStatusOf {
  return async (pathname, cookieHeader) => {
    const parts = segmentsOf(pathname)
    if (parts === null) return 404
    if (parts.length <= 1) return PLAIN_SCREENS.has(parts[0] ?? '') ? 200 : 404
    const [first, slug, third, id, fifth] = parts as [string, string, ...string[]]
    if (first === 'invitations') return parts.length === 2 ? statusOf(() => lookups?.describeInvitation(slug)) : 404
    if (first !== 'networks') return 404
    const networkScreen = parts.length === 2 || (parts.length === 3 && third === 'manage')
    const ideaScreen = third === 'ideas' && (parts.length === 4 || (parts.length === 5 && fifth === 'history'))
    if (!networkScreen && !ideaScreen) return 404
    if (lookups && !(await lookups.networkExists(slug))) return 404
    if (networkScreen || !lookups) return 200
    return statusOf(() => lookups.readIdea(cookieHeader, slug, id!), { strangers: 200 })
  }
}

/** 404 and 410 as the API answered them; a reader who may not look (401, 403) gets `strangers`. */
async function statusOf(lookup: () => Promise<unknown> | undefined, { strangers = 200 }: { strangers?: PageStatus } = {}): Promise<PageStatus> {
  try {
    await lookup()
    return 200
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === ErrorCode.NOT_FOUND) return 404
    if (error.code === ErrorCode.GONE) return 410
    if (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.FORBIDDEN) return strangers
    throw error
  }
}

/** The decoded segments of a path, without its leading and one trailing slash; null for an empty or malformed one. */
function segmentsOf(pathname: string): string[] | null {
  const trimmed = pathname.replace(/^\//, '').replace(/\/$/, '')
  if (trimmed === '') return []
  try {
    const parts = trimmed.split('/').map(decodeURIComponent)
    return parts.some((part) => part === '') ? null : parts
  } catch {
    return null
  }
}
