import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { clusters, ideaStatuses, sdgNumbers, type Cluster, type IdeaStatus } from '../lib/taxonomy.ts'

export interface IdeaFilter {
  cluster: Cluster | null
  sdg: number | null
  status: IdeaStatus | null
}

/** Filters by theme cluster and SDG (and by status in the list view); every change applies at once. */
export function IdeaFilters({ value, onChange, withStatus }: { value: IdeaFilter; onChange(next: IdeaFilter): void; withStatus: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const active = value.cluster !== null || value.sdg !== null || (withStatus && value.status !== null)
  return (
    <fieldset className="idea-filters">
      <legend>{t('filters.legend')}</legend>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-cluster`}>{t('filters.cluster')}</label>
          <select
            id={`${id}-cluster`}
            value={value.cluster ?? ''}
            onChange={(event) => onChange({ ...value, cluster: (event.target.value || null) as Cluster | null })}
          >
            <option value="">{t('filters.allClusters')}</option>
            {clusters.map((cluster) => (
              <option key={cluster} value={cluster}>
                {t(`clusters.${cluster}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sdg`}>{t('filters.sdg')}</label>
          <select
            id={`${id}-sdg`}
            value={value.sdg ?? ''}
            onChange={(event) => onChange({ ...value, sdg: event.target.value ? Number(event.target.value) : null })}
          >
            <option value="">{t('filters.allSdgs')}</option>
            {sdgNumbers.map((sdg) => (
              <option key={sdg} value={sdg}>
                {t('sdg.full', { number: sdg, name: t(`sdgs.${sdg}`) })}
              </option>
            ))}
          </select>
        </div>
        {withStatus ? (
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
            <select
              id={`${id}-status`}
              value={value.status ?? ''}
              onChange={(event) => onChange({ ...value, status: (event.target.value || null) as IdeaStatus | null })}
            >
              <option value="">{t('filters.allStatuses')}</option>
              {ideaStatuses.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {active ? (
          <div className="field filter-clear">
            <button type="button" className="secondary" onClick={() => onChange({ cluster: null, sdg: null, status: null })}>
              {t('filters.clear')}
            </button>
          </div>
        ) : null}
      </div>
    </fieldset>
  )
}
