import type { Idea, UpdateIdeaRequest } from '@tandem/shared'
import { useCallback, useEffect, useState } from 'react'
import { api, ApiError, NetworkError } from '../lib/api.ts'
import { ideaKey } from '../lib/local-copies.ts'
import { useRefreshWhileShown } from '../lib/use-refresh-while-shown.ts'
import { ideaPath } from './idea-path.ts'

/** Idea metadata, with the last answer kept in localStorage so the page renders with no network. */
export interface IdeaState {
  idea: Idea | null
  /** The HTTP status of a failed load (401, 403, 404 …), or 'offline' when nothing is cached. */
  error: number | 'offline' | null
  /** Shown from the local copy because the server could not be reached. */
  fromCache: boolean
  loading: boolean
}

const cacheKey = (id: string) => ideaKey('idea', id)

export function readCachedIdea(id: string): Idea | null {
  try {
    const raw = localStorage.getItem(cacheKey(id))
    return raw ? (JSON.parse(raw) as Idea) : null
  } catch {
    return null
  }
}

function cacheIdea(idea: Idea): void {
  try {
    localStorage.setItem(cacheKey(idea.id), JSON.stringify(idea))
  } catch {
    // Storage full or disabled: the page then needs the network (or the service worker's copy).
  }
}

export { ideaPath } from './idea-path.ts'

export function useIdea(slug: string, id: string) {
  const [state, setState] = useState<IdeaState>(() => {
    const cached = readCachedIdea(id)
    return { idea: cached?.networkSlug === slug ? cached : null, error: null, fromCache: false, loading: true }
  })

  const load = useCallback(async () => {
    try {
      const idea = await api.get<Idea>(ideaPath(slug, id))
      cacheIdea(idea)
      setState({ idea, error: null, fromCache: false, loading: false })
    } catch (error) {
      if (error instanceof ApiError && error.status !== 503 && error.status < 500) {
        if (error.status === 403 || error.status === 404) localStorage.removeItem(cacheKey(id))
        setState({ idea: null, error: error.status, fromCache: false, loading: false })
        return
      }
      const cached = readCachedIdea(id)
      setState({
        idea: cached?.networkSlug === slug ? cached : null,
        error: cached ? null : error instanceof NetworkError ? 'offline' : error instanceof ApiError ? error.status : 'offline',
        fromCache: Boolean(cached),
        loading: false,
      })
    }
  }, [slug, id])

  useEffect(() => {
    void load()
  }, [load])
  // Status, title and co-authors change under other people's hands too.
  useRefreshWhileShown(load)

  /** PATCHes the idea; the answer replaces the local copy. Throws ApiError (409 for a status move not allowed). */
  const update = useCallback(
    async (changes: UpdateIdeaRequest) => {
      const idea = await api.patch<Idea>(ideaPath(slug, id), changes)
      cacheIdea(idea)
      setState((previous) => ({ ...previous, idea, fromCache: false }))
      return idea
    },
    [slug, id],
  )

  return { ...state, reload: load, update }
}
