import type { JSONContent } from '@tiptap/core'

/** Languages the concept-note template is written in (the app's six). */
export const templateLanguages = ['en', 'fr', 'es', 'ar', 'pt', 'de'] as const
export type TemplateLanguage = (typeof templateLanguages)[number]

/** The headings of the 11 concept-note sections, in order, per language. */
export const proposalSectionHeadingsByLanguage: Record<TemplateLanguage, readonly string[]> = {
  en: [
    '1. Summary (title, partner cities, duration, estimated budget, one-line objective)',
    '2. Context and problem analysis',
    '3. Objectives, expected results and indicators',
    '4. Target groups and final beneficiaries',
    '5. Stakeholders and partners',
    '6. Activities, outputs and timeline',
    '7. Good practices and peer advice used',
    '8. Budget estimate, co-financing and funding source',
    '9. Risks and assumptions',
    '10. Cross-cutting: gender, climate, inclusion, SDG targets',
    '11. Local ownership, validation and sustainability',
  ],
  fr: [
    '1. Résumé (titre, villes partenaires, durée, budget estimé, objectif en une phrase)',
    '2. Contexte et analyse du problème',
    '3. Objectifs, résultats attendus et indicateurs',
    '4. Groupes cibles et bénéficiaires finaux',
    '5. Parties prenantes et partenaires',
    '6. Activités, réalisations et calendrier',
    '7. Bonnes pratiques et conseils de pairs utilisés',
    '8. Budget estimé, cofinancement et source de financement',
    '9. Risques et hypothèses',
    '10. Questions transversales : genre, climat, inclusion, cibles des ODD',
    '11. Appropriation locale, validation et durabilité',
  ],
  es: [
    '1. Resumen (título, ciudades socias, duración, presupuesto estimado, objetivo en una línea)',
    '2. Contexto y análisis del problema',
    '3. Objetivos, resultados esperados e indicadores',
    '4. Grupos destinatarios y beneficiarios finales',
    '5. Partes interesadas y socios',
    '6. Actividades, productos y calendario',
    '7. Buenas prácticas y consejos de pares utilizados',
    '8. Presupuesto estimado, cofinanciación y fuente de financiación',
    '9. Riesgos y supuestos',
    '10. Temas transversales: género, clima, inclusión, metas de los ODS',
    '11. Apropiación local, validación y sostenibilidad',
  ],
  ar: [
    '1. الملخص (العنوان، المدن الشريكة، المدة، الميزانية التقديرية، الهدف في سطر واحد)',
    '2. السياق وتحليل المشكلة',
    '3. الأهداف والنتائج المتوقعة والمؤشرات',
    '4. الفئات المستهدفة والمستفيدون النهائيون',
    '5. أصحاب المصلحة والشركاء',
    '6. الأنشطة والمخرجات والجدول الزمني',
    '7. الممارسات الجيدة ونصائح الأقران المستفاد منها',
    '8. الميزانية التقديرية والتمويل المشترك ومصدر التمويل',
    '9. المخاطر والافتراضات',
    '10. القضايا الشاملة: النوع الاجتماعي، المناخ، الإدماج، غايات أهداف التنمية المستدامة',
    '11. الملكية المحلية والمصادقة والاستدامة',
  ],
  pt: [
    '1. Resumo (título, cidades parceiras, duração, orçamento estimado, objetivo numa frase)',
    '2. Contexto e análise do problema',
    '3. Objetivos, resultados esperados e indicadores',
    '4. Grupos-alvo e beneficiários finais',
    '5. Partes interessadas e parceiros',
    '6. Atividades, produtos e cronograma',
    '7. Boas práticas e conselhos de pares utilizados',
    '8. Orçamento estimado, cofinanciamento e fonte de financiamento',
    '9. Riscos e pressupostos',
    '10. Temas transversais: género, clima, inclusão, metas dos ODS',
    '11. Apropriação local, validação e sustentabilidade',
  ],
  de: [
    '1. Zusammenfassung (Titel, Partnerstädte, Laufzeit, geschätztes Budget, Ziel in einem Satz)',
    '2. Kontext und Problemanalyse',
    '3. Ziele, erwartete Ergebnisse und Indikatoren',
    '4. Zielgruppen und Endbegünstigte',
    '5. Beteiligte und Partner',
    '6. Aktivitäten, Leistungen und Zeitplan',
    '7. Genutzte gute Praxis und kollegiale Beratung',
    '8. Geschätztes Budget, Kofinanzierung und Finanzierungsquelle',
    '9. Risiken und Annahmen',
    '10. Querschnittsthemen: Gender, Klima, Inklusion, SDG-Unterziele',
    '11. Lokale Verankerung, Validierung und Nachhaltigkeit',
  ],
}

/** The English headings (the default template). */
export const proposalSectionHeadings: readonly string[] = proposalSectionHeadingsByLanguage.en

/**
 * A new concept note in `language`: for each of the 11 sections a level 2 heading followed by one empty paragraph to
 * write in. The idea's title is not in it: it lives in the idea's record and is shown above the document.
 */
export function proposalTemplateJson(language: TemplateLanguage = 'en'): JSONContent {
  const headings = proposalSectionHeadingsByLanguage[language] ?? proposalSectionHeadings
  return {
    type: 'doc',
    content: headings.flatMap((text) => [heading(2, text), { type: 'paragraph' }]),
  }
}

function heading(level: number, text: string): JSONContent {
  return { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] }
}
