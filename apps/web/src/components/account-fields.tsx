import type { ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { TextField } from './text-field.tsx'

type AccountFieldProps = Omit<ComponentProps<typeof TextField>, 'label' | 'type' | 'dir' | 'required'>

/** The email address of an account (sign-in, sign-up): written left to right in every language, with the phone's email keyboard. */
export function EmailField(props: AccountFieldProps) {
  const { t } = useTranslation()
  return <TextField label={t('account.email')} type="email" name="email" autoComplete="email" inputMode="email" dir="ltr" required {...props} />
}

/** The password of an account, written left to right; `autoComplete` tells password managers to fill it in or to offer a new one. */
export function PasswordField(props: AccountFieldProps & { autoComplete: 'current-password' | 'new-password' }) {
  const { t } = useTranslation()
  return <TextField label={t('account.password')} type="password" dir="ltr" required {...props} />
}

/** The name others see (carets, members, co-authors); sign-up and the profile page ask for it. */
export function DisplayNameField(props: AccountFieldProps) {
  const { t } = useTranslation()
  return <TextField label={t('account.displayName')} name="displayName" autoComplete="name" required maxLength={100} {...props} />
}
