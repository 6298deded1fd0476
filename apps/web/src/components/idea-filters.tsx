import { useTranslation } from 'react-i18next'
import { clusters, ideaStatuses, sdgNumbers, type Cluster, type IdeaStatus } from '../lib/taxonomy.ts'
import { SelectField } from './select-field.tsx'

export interface IdeaFilter {
  cluster: Cluster | null
  sdg: number | null
  status: IdeaStatus | null
}

/** Filters by theme cluster and SDG (and by status in the list view); every change applies at once. */
export function IdeaFilters({ value, onChange, withStatus }: { value: IdeaFilter; onChange(next: IdeaFilter): void; withStatus: boolean }) {
  const { t } = useTranslation()
  const active = value.cluster !== null || value.sdg !== null || (withStatus && value.status !== null)
  return (
    <fieldset className="idea-filters">
      <legend>{t('filters.legend')}</legend>
      <div className="filter-fields columns">
        <SelectField
          label={t('filters.cluster')}
          noneLabel={t('filters.allClusters')}
          value={value.cluster}
          options={clusters}
          optionLabel={(cluster) => t(`clusters.${cluster}`)}
          onChange={(cluster) => onChange({ ...value, cluster })}
        />
        <SelectField
          label={t('filters.sdg')}
          noneLabel={t('filters.allSdgs')}
          value={value.sdg}
          options={sdgNumbers}
          optionLabel={(sdg) => t('sdg.full', { number: sdg, name: t(`sdgs.${sdg}`) })}
          onChange={(sdg) => onChange({ ...value, sdg })}
        />
        {withStatus ? (
          <SelectField
            label={t('filters.status')}
            noneLabel={t('filters.allStatuses')}
            value={value.status}
            options={ideaStatuses}
            optionLabel={(status) => t(`statuses.${status}`)}
            onChange={(status) => onChange({ ...value, status })}
          />
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
