import type { IdeaStatus } from '@tandem/db'

/**
 * The words of an exported proposal's front matter, in the six languages of the web app. Same wording as the web
 * app's catalogues (apps/web/src/i18n/locales/<lang>/editor.json: meta, status, cluster; common.json: sdg.short).
 */
export const EXPORT_LANGUAGES = ['en', 'fr', 'es', 'ar', 'pt', 'de'] as const
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number]

export interface ExportLabels {
  network: string
  status: string
  cluster: string
  sdgs: string
  coAuthors: string
  updated: string
  /** Said in the document's properties and under the front matter; `{date}` is the export's date. */
  exported: string
  page: string
  sdg: (n: number) => string
  statuses: Record<IdeaStatus, string>
  clusters: Record<string, string>
}

export const EXPORT_LABELS: Record<ExportLanguage, ExportLabels> = {
  en: {
    network: 'Network',
    status: 'Status',
    cluster: 'Theme cluster',
    sdgs: 'Sustainable Development Goals',
    coAuthors: 'Co-authors',
    updated: 'Last updated',
    exported: 'Exported from Tandem on {date}',
    page: 'Page',
    sdg: (n) => `SDG ${n}`,
    statuses: { idea: 'Idea', draft: 'Draft', proposal: 'Proposal', submitted: 'Submitted', withdrawn: 'Withdrawn' },
    clusters: {
      'good-urban-governance': 'Good Urban Governance',
      'integrated-urban-development': 'Integrated Urban Development',
      'municipal-services': 'Municipal Services',
      'local-economic-development': 'Local Economic Development',
    },
  },
  fr: {
    network: 'Réseau',
    status: 'Statut',
    cluster: 'Domaine thématique',
    sdgs: 'Objectifs de développement durable',
    coAuthors: 'Co-auteur·rices',
    updated: 'Dernière mise à jour',
    exported: 'Exporté de Tandem le {date}',
    page: 'Page',
    sdg: (n) => `ODD ${n}`,
    statuses: { idea: 'Idée', draft: 'Brouillon', proposal: 'Proposition', submitted: 'Soumise', withdrawn: 'Retirée' },
    clusters: {
      'good-urban-governance': 'Bonne gouvernance urbaine',
      'integrated-urban-development': 'Développement urbain intégré',
      'municipal-services': 'Services municipaux',
      'local-economic-development': 'Développement économique local',
    },
  },
  es: {
    network: 'Red',
    status: 'Estado',
    cluster: 'Área temática',
    sdgs: 'Objetivos de Desarrollo Sostenible',
    coAuthors: 'Coautores',
    updated: 'Última actualización',
    exported: 'Exportado de Tandem el {date}',
    page: 'Página',
    sdg: (n) => `ODS ${n}`,
    statuses: { idea: 'Idea', draft: 'Borrador', proposal: 'Propuesta', submitted: 'Presentada', withdrawn: 'Retirada' },
    clusters: {
      'good-urban-governance': 'Buena gobernanza urbana',
      'integrated-urban-development': 'Desarrollo urbano integrado',
      'municipal-services': 'Servicios municipales',
      'local-economic-development': 'Desarrollo económico local',
    },
  },
  ar: {
    network: 'الشبكة',
    status: 'الحالة',
    cluster: 'المجال الموضوعي',
    sdgs: 'أهداف التنمية المستدامة',
    coAuthors: 'المؤلفون المشاركون',
    updated: 'آخر تحديث',
    exported: 'صُدِّر من Tandem في {date}',
    page: 'الصفحة',
    sdg: (n) => `الهدف ${n}`,
    statuses: { idea: 'فكرة', draft: 'مسودة', proposal: 'مقترح', submitted: 'مُقدَّم', withdrawn: 'مسحوب' },
    clusters: {
      'good-urban-governance': 'الحوكمة الحضرية الرشيدة',
      'integrated-urban-development': 'التنمية الحضرية المتكاملة',
      'municipal-services': 'الخدمات البلدية',
      'local-economic-development': 'التنمية الاقتصادية المحلية',
    },
  },
  pt: {
    network: 'Rede',
    status: 'Situação',
    cluster: 'Área temática',
    sdgs: 'Objetivos de Desenvolvimento Sustentável',
    coAuthors: 'Coautores',
    updated: 'Última atualização',
    exported: 'Exportado do Tandem em {date}',
    page: 'Página',
    sdg: (n) => `ODS ${n}`,
    statuses: { idea: 'Ideia', draft: 'Rascunho', proposal: 'Proposta', submitted: 'Enviada', withdrawn: 'Retirada' },
    clusters: {
      'good-urban-governance': 'Boa governança urbana',
      'integrated-urban-development': 'Desenvolvimento urbano integrado',
      'municipal-services': 'Serviços municipais',
      'local-economic-development': 'Desenvolvimento econômico local',
    },
  },
  de: {
    network: 'Netzwerk',
    status: 'Status',
    cluster: 'Themencluster',
    sdgs: 'Ziele für nachhaltige Entwicklung',
    coAuthors: 'Mitautor:innen',
    updated: 'Zuletzt geändert',
    exported: 'Aus Tandem exportiert am {date}',
    page: 'Seite',
    sdg: (n) => `SDG ${n}`,
    statuses: { idea: 'Idee', draft: 'Entwurf', proposal: 'Antrag', submitted: 'Eingereicht', withdrawn: 'Zurückgezogen' },
    clusters: {
      'good-urban-governance': 'Gute Stadtverwaltung (Good Urban Governance)',
      'integrated-urban-development': 'Integrierte Stadtentwicklung',
      'municipal-services': 'Kommunale Dienstleistungen',
      'local-economic-development': 'Lokale Wirtschaftsentwicklung',
    },
  },
}
