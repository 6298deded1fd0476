import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

export default function NotFound() {
  const { t } = useTranslation()
  useDocumentTitle(t('notFound.title'))
  return (
    <div className="auth-page">
      <section className="card stack auth-card">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <p>
          <Link href="/" className="button">
            {t('notFound.home')}
          </Link>
        </p>
      </section>
    </div>
  )
}
