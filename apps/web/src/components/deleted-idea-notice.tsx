import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { StatusMessage } from './status-message.tsx'

/** What the idea page leaves in the history entry of the network page it goes to after deleting an idea. */
export interface DeletedIdeaState {
  deletedIdea: string
}

/**
 * "“Title” was deleted." on the network page reached right after deleting an idea. Said once: the history entry is
 * cleared, so going back and forth or reloading does not say it again. Set after the live region is in the page, so
 * screen readers announce it.
 */
export function DeletedIdeaNotice() {
  const { t } = useTranslation()
  const [title, setTitle] = useState<string | null>(null)
  useEffect(() => {
    const state = window.history.state as Partial<DeletedIdeaState> | null
    if (typeof state?.deletedIdea !== 'string') return
    setTitle(state.deletedIdea)
    window.history.replaceState(null, '')
  }, [])
  return <StatusMessage message={title === null ? null : t('networkHome.ideaDeleted', { title })} />
}
