import { useTranslation } from 'react-i18next'
import type { NetworkRole } from '../lib/taxonomy.ts'

/** The reader's role in a network, as a small label ("Facilitator", "Admin"). */
export function RoleBadge({ role, isAdmin = false }: { role: NetworkRole | null; isAdmin?: boolean }) {
  const { t } = useTranslation()
  if (!role && !isAdmin) return null
  return (
    <span className={`badge badge-role badge-${role ?? 'admin'}`}>
      {role ? t(`roles.${role}`) : t('roles.admin')}
      {role && isAdmin ? ` · ${t('roles.admin')}` : null}
    </span>
  )
}
