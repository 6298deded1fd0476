import type { FieldIssue } from '@tandem/shared'
import { reportUnauthenticated } from './session-signals.ts'

/**
 * The one way the web app talks to the HTTP API: same-origin JSON, the session cookie sent by the browser, and every
 * non-2xx answer turned into an ApiError carrying the server's stable `{error: {code, message, fields?}}`. A 401 says
 * the session is gone (signed out elsewhere, expired): it is reported once here, and the whole app settles on
 * "signed out" instead of each screen retrying.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** What the server named: the fields of a 400, the limited account (`email`) of a 429 … */
    readonly fields?: Readonly<Record<string, string>>,
    /** For a 400: each refused field with the rule it broke (the server's `issues`), to say it in the reader's words. */
    readonly issues?: Record<string, FieldIssue>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The browser could not reach the server at all (offline, server down). */
export class NetworkError extends Error {
  constructor() {
    super('network unreachable')
    this.name = 'NetworkError'
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** Where a 401 is the answer asked for (wrong credentials, already signed out), not news that the session ended. */
const SESSION_ANSWERS = new Set(['/auth/login', '/auth/logout', '/auth/logout-everywhere'])

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new NetworkError()
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  const data: unknown = text ? safeJson(text) : undefined
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; fields?: Record<string, string>; issues?: Record<string, FieldIssue> } } | undefined)?.error
    const retryAfter = Number(response.headers.get('retry-after'))
    if (response.status === 401 && !SESSION_ANSWERS.has(path)) reportUnauthenticated()
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      error?.fields && typeof error.fields === 'object' ? error.fields : undefined,
      error?.issues && typeof error.issues === 'object' ? error.issues : undefined,
    )
  }
  return data as T
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** Answers asked for ahead of the screen that reads them (see prefetch), each taken once. */
const prefetched = new Map<string, Promise<unknown>>()
const PREFETCH_KEPT_MS = 10_000

/**
 * Starts a GET now; the next `api.get` of the same path within a few seconds takes its answer instead of asking
 * again. The quick open asks for the session and the idea this way while the app is still loading.
 */
export function prefetch<T>(path: string): Promise<T> {
  const answer = request<T>('GET', path)
  prefetched.set(path, answer)
  answer.catch(() => undefined)
  setTimeout(() => {
    if (prefetched.get(path) === answer) prefetched.delete(path)
  }, PREFETCH_KEPT_MS)
  return answer
}

/** A prefetched answer without taking it (the screen that loads next takes it), or a new GET. */
export function peekPrefetched<T>(path: string): Promise<T> {
  return (prefetched.get(path) as Promise<T> | undefined) ?? request<T>('GET', path)
}

function get<T>(path: string): Promise<T> {
  const early = prefetched.get(path)
  if (early) {
    prefetched.delete(path)
    return early as Promise<T>
  }
  return request<T>('GET', path)
}

export const api = {
  get,
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}
