import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'

/**
 * On a phone the filters fold away behind this button (a disclosure: aria-expanded, aria-controls), so the first
 * ideas are on the screen; it counts the filters in use, so a filtered board never looks like the whole board.
 */
export function IdeaFiltersToggle({ open, inUse, controls, onToggle }: { open: boolean; inUse: number; controls: string; onToggle(): void }) {
  const { t } = useTranslation()
  return (
    <button type="button" className="secondary filters-toggle" aria-expanded={open} aria-controls={controls} onClick={onToggle}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
        <path d="M3 5h18l-7 8v6l-4 2v-8z" />
      </svg>
      {t('filters.toggle')}
      {inUse > 0 ? (
        <span className="count-pill">
          <span className="visually-hidden">{t('filters.inUse')}: </span>
          {formatNumber(inUse)}
        </span>
      ) : null}
    </button>
  )
}
