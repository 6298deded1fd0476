import { useTranslation } from 'react-i18next'
import type { Cluster } from '../lib/taxonomy.ts'

/** A theme cluster as a tag, named in the reader's language. */
export function ClusterTag({ cluster }: { cluster: Cluster }) {
  const { t } = useTranslation()
  return <span className={`badge cluster-tag cluster-${cluster}`}>{t(`clusters.${cluster}`)}</span>
}

/** SDG numbers as small tags; each carries the goal's full name for screen readers and on hover. */
export function SdgTags({ sdgs }: { sdgs: number[] }) {
  const { t } = useTranslation()
  if (sdgs.length === 0) return null
  return (
    <ul className="sdg-tags" aria-label={t('ideas.sdgs')}>
      {[...sdgs].sort((a, b) => a - b).map((sdg) => (
        <li key={sdg} className="badge sdg-tag" title={t(`sdgs.${sdg}`)}>
          <span aria-hidden="true">{t('sdg.short', { number: sdg })}</span>
          <span className="visually-hidden">{t('sdg.full', { number: sdg, name: t(`sdgs.${sdg}`) })}</span>
        </li>
      ))}
    </ul>
  )
}
