/**
 * Where to go after signing in: only a path of this site (`/…`, never `//host` or `https://…`), so a crafted
 * `?next=` link cannot send someone elsewhere.
 */
export function safeReturnPath(value: string | null | undefined, fallback = '/networks'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  return value
}

/** The sign-in (or sign-up) link that brings the person back to `path` afterwards. */
export function withReturnPath(page: '/signin' | '/signup', path: string): string {
  return `${page}?next=${encodeURIComponent(path)}`
}
