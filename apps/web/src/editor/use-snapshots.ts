import type { JSONContent } from '@tiptap/core'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../lib/api.ts'
import { ideaPath } from './use-idea.ts'

/** A snapshot as listed (the server may add `automatic` snapshots and the author's name). */
export interface SnapshotItem {
  id: string
  label: string
  kind: 'named' | 'restore-point' | 'automatic'
  createdAt: string
  createdBy: string | null
  createdByName?: string | null
}

export interface SnapshotContent extends SnapshotItem {
  content: { json: JSONContent; html: string }
}

const listKey = (id: string) => `tandem:snapshots:${id}`

export function useSnapshots(slug: string, ideaId: string) {
  const base = `${ideaPath(slug, ideaId)}/snapshots`
  const [items, setItems] = useState<SnapshotItem[] | null>(() => {
    try {
      const cached = localStorage.getItem(listKey(ideaId))
      return cached ? (JSON.parse(cached) as SnapshotItem[]) : null
    } catch {
      return null
    }
  })
  const [error, setError] = useState<unknown>(null)

  const reload = useCallback(async () => {
    try {
      const list = await api.get<SnapshotItem[]>(base)
      setItems(list)
      setError(null)
      try {
        localStorage.setItem(listKey(ideaId), JSON.stringify(list))
      } catch {
        // Storage full: the list then needs the network.
      }
    } catch (cause) {
      setError(cause)
    }
  }, [base, ideaId])

  useEffect(() => {
    void reload()
  }, [reload])

  const create = useCallback(
    async (label: string) => {
      const created = await api.post<SnapshotItem>(base, { label })
      await reload()
      return created
    },
    [base, reload],
  )

  const read = useCallback((id: string) => api.get<SnapshotContent>(`${base}/${encodeURIComponent(id)}`), [base])

  const restore = useCallback(
    async (id: string) => {
      await api.post(`${base}/${encodeURIComponent(id)}/restore`)
      await reload()
    },
    [base, reload],
  )

  return { items, error, reload, create, read, restore }
}
