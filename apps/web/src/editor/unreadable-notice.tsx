import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../lib/api.ts'

/**
 * Says that editing is off because the document holds something this editor cannot read (written before the server
 * refused such changes, or kept in this browser from then), so nothing overwrites it. A facilitator can repair it
 * here: what the editor cannot read is removed (the state before is kept as a version); the editor then opens it again.
 */
export function UnreadableNotice({ networkSlug, ideaId, canRepair }: { networkSlug: string; ideaId: string; canRepair: boolean }) {
  const { t } = useTranslation('editor')
  const [state, setState] = useState<'idle' | 'repairing' | 'repaired' | 'failed'>('idle')
  const [error, setError] = useState('')

  async function repair() {
    setState('repairing')
    try {
      await api.post(`/networks/${encodeURIComponent(networkSlug)}/ideas/${encodeURIComponent(ideaId)}/repair`)
      setState('repaired')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('history.offline'))
      setState('failed')
    }
  }

  return (
    <div className="editor-banner editor-banner-unreadable" role="alert" data-testid="unreadable-notice">
      <p>
        <strong>{t('unreadable.title')}</strong> {t('unreadable.body')}
      </p>
      <p>{canRepair ? t('unreadable.facilitator') : t('unreadable.askFacilitator')}</p>
      {canRepair && (
        <div className="row">
          <button type="button" onClick={() => void repair()} disabled={state === 'repairing' || state === 'repaired'}>
            {state === 'repairing' ? t('unreadable.repairing') : t('unreadable.repair')}
          </button>
        </div>
      )}
      <p role="status">
        {state === 'repaired' && t('unreadable.repaired')}
        {state === 'failed' && t('unreadable.failed', { message: error })}
      </p>
    </div>
  )
}
