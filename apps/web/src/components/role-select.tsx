import { useTranslation } from 'react-i18next'
import { networkRoles, type NetworkRole } from '../lib/taxonomy.ts'
import { SelectField } from './select-field.tsx'

/** A labelled select of the three network roles. */
export function RoleSelect({ value, onChange, label }: { value: NetworkRole; onChange(role: NetworkRole): void; label: string }) {
  const { t } = useTranslation()
  return (
    <SelectField className="role-select" label={label} value={value} options={networkRoles} optionLabel={(role) => t(`roles.${role}`)} onChange={onChange} />
  )
}
