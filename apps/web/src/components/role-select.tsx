import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { networkRoles, type NetworkRole } from '../lib/taxonomy.ts'

/** A labelled select of the three network roles. */
export function RoleSelect({ value, onChange, label }: { value: NetworkRole; onChange(role: NetworkRole): void; label: string }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <span className="role-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as NetworkRole)}>
        {networkRoles.map((role) => (
          <option key={role} value={role}>
            {t(`roles.${role}`)}
          </option>
        ))}
      </select>
    </span>
  )
}
