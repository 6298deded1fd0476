import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'
import type { NetworkPresence } from '../lib/use-network-presence.ts'
import { Avatar } from './avatar.tsx'

/** Who is in the network right now (the reader included), from the presence stream. */
export function OnlineMembers({ presence, selfId }: { presence: NetworkPresence; selfId: string | undefined }) {
  const { t } = useTranslation()
  const users = [...presence.users].sort((a, b) => Number(b.id === selfId) - Number(a.id === selfId) || a.displayName.localeCompare(b.displayName))
  return (
    <section className="card online-members" aria-labelledby="online-heading">
      <h2 id="online-heading" className="section-title">
        <span className={`live-dot live-${presence.state}`} aria-hidden="true" />
        {t('presence.title')}
        {presence.state === 'live' ? <span className="count-pill">{formatNumber(users.length)}</span> : null}
      </h2>
      <div aria-live="polite">
        {presence.state === 'connecting' && users.length === 0 ? (
          <p className="muted">{t('presence.connecting')}</p>
        ) : presence.state === 'unavailable' ? (
          <p className="muted">{t('presence.unavailable')}</p>
        ) : users.length === 0 ? (
          <p className="muted">{t('presence.nobody')}</p>
        ) : (
          <ul className="plain-list online-list">
            {users.map((user) => (
              <li key={user.id} className="online-person" title={user.id === selfId ? `${user.displayName} (${t('presence.you')})` : user.displayName}>
                <Avatar name={user.displayName} id={user.id} />
                <span>
                  <bdi>{user.displayName}</bdi>
                  {user.id === selfId ? <span className="muted"> ({t('presence.you')})</span> : null}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
