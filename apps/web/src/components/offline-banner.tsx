import { useTranslation } from 'react-i18next'
import { useOnline } from '../lib/use-online.ts'

/** Says plainly that the network is gone and that work is kept on this device. */
export function OfflineBanner() {
  const { t } = useTranslation()
  const online = useOnline()
  if (online) return null
  return (
    <div className="banner banner-offline" role="status">
      {t('shell.offline')}
    </div>
  )
}
