import type { SnapshotSummary } from '@tandem/shared'
import type { TFunction } from 'i18next'

const STATUSES = new Set(['idea', 'draft', 'proposal', 'submitted', 'withdrawn'])

/**
 * A version's label in the reader's language. People name their versions themselves; the server names the others in
 * a fixed form: automatic versions `from → to` (status codes), restore points `Before restoring “label”` (or, before a
 * repair, `Before removing what the editor could not read`).
 */
export function snapshotLabel(item: Pick<SnapshotSummary, 'kind' | 'label'>, t: TFunction<'editor'>): string {
  if (item.kind === 'automatic') {
    const [from, to] = item.label.split(' → ')
    if (from && to && STATUSES.has(from) && STATUSES.has(to)) {
      return t('history.statusChange', { from: t(`status.${from}`), to: t(`status.${to}`) })
    }
  }
  if (item.kind === 'restore-point') {
    const match = /^Before restoring “(.*)”$/.exec(item.label)
    if (match) return t('history.beforeRestore', { label: match[1] })
    if (item.label === 'Before removing what the editor could not read') return t('history.beforeRepair')
  }
  return item.label
}
