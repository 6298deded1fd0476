import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from './api.ts'

export interface ApiResource<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  /** Fetch again (after a change); the old data stays visible meanwhile. */
  reload(): Promise<void>
}

/** The last answer of each remembered path, for the whole tab (public data only: it outlives a sign-out). */
const remembered = new Map<string, unknown>()

/**
 * A GET of the API that follows its path: `null` skips the request (not signed in, not allowed). Answers to an older
 * path are dropped, so fast filter changes never show stale results. With `remember`, a screen opened again shows the
 * last answer at once while it asks again (only for public data, such as the network directory).
 */
export function useApiResource<T>(path: string | null, { remember = false }: { remember?: boolean } = {}): ApiResource<T> {
  const [data, setData] = useState<T | undefined>(() => (remember && path !== null ? (remembered.get(path) as T | undefined) : undefined))
  const [error, setError] = useState<unknown>(undefined)
  const [loading, setLoading] = useState(path !== null)
  const rememberRef = useRef(remember)
  rememberRef.current = remember
  const current = useRef(path)
  current.current = path

  const load = useCallback(async (target: string | null) => {
    if (target === null) {
      setLoading(false)
      return
    }
    setLoading(true)
    try {
      const next = await api.get<T>(target)
      if (rememberRef.current) remembered.set(target, next)
      if (current.current !== target) return
      setData(next)
      setError(undefined)
    } catch (caught) {
      if (current.current !== target) return
      setError(caught)
    } finally {
      if (current.current === target) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void load(path)
  }, [load, path])

  const reload = useCallback(() => load(current.current), [load])
  return { data, error, loading, reload }
}
