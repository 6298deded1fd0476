import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { parse } from 'hono/utils/cookie'

export const SESSION_COOKIE = 'tandem_session'

/** The session token in a Cookie header's value, or null. */
export function sessionTokenFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null
  return parse(cookieHeader, SESSION_COOKIE)[SESSION_COOKIE] || null
}

/** The session token a request carries in its Cookie header, or null. Works on any request (HTTP or upgrade). */
export function readSessionToken(headers: Headers | { get(name: string): string | null }): string | null {
  return sessionTokenFromCookieHeader(headers.get('cookie'))
}

/** Served over https: the request itself, or a TLS-terminating proxy in front of us said so. */
export function isHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return forwarded === 'https'
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: isHttps(c),
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
    expires: expiresAt,
  })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) })
}
