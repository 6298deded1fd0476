import type { SnapshotSummary } from '@tandem/shared'
import type { JSONContent } from '@tiptap/core'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../lib/api.ts'
import { ideaKey } from '../lib/local-copies.ts'
import { ideaPath } from './use-idea.ts'

/** A version as listed: named, automatic (at a status change, label `from → to`) or a restore point. */
export type SnapshotItem = SnapshotSummary

export interface SnapshotContent extends SnapshotItem {
  content: { json: JSONContent; html: string }
}

const listKey = (id: string) => ideaKey('snapshots', id)

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
