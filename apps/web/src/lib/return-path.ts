import { useSearch } from 'wouter'

/** Where sign-in and sign-up lead when no `?next=` says otherwise. */
const DEFAULT_RETURN_PATH = '/networks'

/**
 * Where to go after signing in: only a path of this site (`/…`, never `//host` or `https://…`), so a crafted
 * `?next=` link cannot send someone elsewhere.
 */
export function safeReturnPath(value: string | null | undefined, fallback = DEFAULT_RETURN_PATH): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  return value
}

/** This page's `?next=`, made safe: where the sign-in or sign-up screen sends the person once they are signed in. */
export function useReturnPath(): string {
  return safeReturnPath(new URLSearchParams(useSearch()).get('next'))
}

/**
 * The sign-in (or sign-up) link that brings the person back to `path` afterwards; a plain link when `path` is where
 * they would land anyway.
 */
export function withReturnPath(page: '/signin' | '/signup', path: string): string {
  return path === DEFAULT_RETURN_PATH ? page : `${page}?next=${encodeURIComponent(path)}`
}
