import { proposalSectionHeadings } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'

/** The sample content of an embedded instance: a few people and ideas, so a newcomer sees Tandem at work. */
export interface DemoPerson {
  key: string
  displayName: string
  organisation: string
  city: string
  country: string
  languages: string[]
  memberships: Array<{ network: string; role: 'observer' | 'member' | 'facilitator' }>
}

export interface DemoIdea {
  network: string
  author: string
  coAuthors: string[]
  title: string
  summary: string
  cluster: 'good-urban-governance' | 'integrated-urban-development' | 'municipal-services' | 'local-economic-development'
  sdgs: number[]
  status: 'idea' | 'draft' | 'proposal'
  document: JSONContent
}

export const demoPeople: DemoPerson[] = [
  {
    key: 'amina',
    displayName: 'Amina Odhiambo (demo)',
    organisation: 'Kisumu County Water Department',
    city: 'Kisumu',
    country: 'Kenya',
    languages: ['English', 'Swahili'],
    memberships: [{ network: 'sub-saharan-africa', role: 'facilitator' }],
  },
  {
    key: 'joao',
    displayName: 'João Matsinhe (demo)',
    organisation: 'Conselho Municipal da Beira',
    city: 'Beira',
    country: 'Mozambique',
    languages: ['Portuguese', 'English'],
    memberships: [{ network: 'sub-saharan-africa', role: 'member' }],
  },
  {
    key: 'leila',
    displayName: 'Leila Ben Salah (demo)',
    organisation: 'Municipalité de Sfax',
    city: 'Sfax',
    country: 'Tunisia',
    languages: ['Arabic', 'French'],
    memberships: [{ network: 'middle-east-north-africa', role: 'facilitator' }],
  },
  {
    key: 'karim',
    displayName: 'Karim Haddad (demo)',
    organisation: 'Greater Amman Municipality',
    city: 'Amman',
    country: 'Jordan',
    languages: ['Arabic', 'English'],
    memberships: [{ network: 'middle-east-north-africa', role: 'member' }],
  },
  {
    key: 'lucia',
    displayName: 'Lucía Fernández (demo)',
    organisation: 'Municipio del Distrito Metropolitano de Quito',
    city: 'Quito',
    country: 'Ecuador',
    languages: ['Spanish', 'English'],
    memberships: [{ network: 'latin-america', role: 'facilitator' }],
  },
]

const text = (value: string): JSONContent => ({ type: 'text', text: value })
const p = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] })
const h = (level: number, value: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] })
const bullets = (...items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
})
const tasks = (...items: Array<[string, boolean]>): JSONContent => ({
  type: 'taskList',
  content: items.map(([item, checked]) => ({ type: 'taskItem', attrs: { checked }, content: [p(item)] })),
})
const cell = (type: 'tableHeader' | 'tableCell', value: string): JSONContent => ({ type, content: [p(value)] })
const table = (header: string[], ...rows: string[][]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: header.map((value) => cell('tableHeader', value)) },
    ...rows.map((row) => ({ type: 'tableRow', content: row.map((value) => cell('tableCell', value)) })),
  ],
})

/**
 * The 11 sections of the concept-note template (packages/editor's proposal template), numbered as a new idea's are:
 * each heading followed by what `written` holds for its number, or the template's empty paragraph to write in.
 */
const conceptNote = (written: Partial<Record<number, JSONContent[]>>): JSONContent[] =>
  proposalSectionHeadings.flatMap((heading, index) => [h(2, heading), ...(written[index + 1] ?? [{ type: 'paragraph' }])])

export const demoIdeas: DemoIdea[] = [
  {
    network: 'sub-saharan-africa',
    author: 'amina',
    coAuthors: ['joao'],
    title: 'Solar-powered water kiosks for informal settlements',
    summary: 'Kisumu and Beira pilot pay-as-you-fetch water kiosks run on solar power, managed with community water committees.',
    cluster: 'municipal-services',
    sdgs: [6, 7, 11],
    status: 'draft',
    document: {
      type: 'doc',
      content: [
        ...conceptNote({
          1: [
            bullets(
              'Partner cities: Kisumu (Kenya) and Beira (Mozambique)',
              'Duration: 24 months',
              'Estimated budget: EUR 480,000',
              'Objective: safe, affordable water within 200 m of 12,000 households',
            ),
          ],
          2: [
            p('In Nyalenda and Manyatta, households pay up to five times the utility tariff to water vendors. Diesel pumps at the existing kiosks fail during fuel shortages, and the peer consultation at the Nairobi workshop confirmed the same pattern in Beira’s Munhava district.'),
          ],
          3: [
            p('Overall objective: improve access to safe water in informal settlements.'),
            tasks(['Indicator 1: 20 kiosks operating on solar power', true], ['Indicator 2: price per jerrycan at utility tariff', false]),
          ],
          4: [p('About 12,000 households in Nyalenda, Manyatta (Kisumu) and Munhava (Beira); women and girls, who fetch most of the water, first.')],
          5: [
            bullets(
              'Kisumu Water and Sanitation Company and Águas da Região Centro: operate the kiosks (supportive, consulted in March)',
              'Community water committees: choose the sites and run the kiosks',
              'Water vendors: to be consulted; some may become kiosk operators',
            ),
          ],
          6: [
            table(
              ['Activity', 'Output', 'Months'],
              ['Site selection with community water committees', '20 agreed sites', '1–4'],
              ['Procurement and installation', '20 solar kiosks', '5–14'],
              ['Training of kiosk operators', '40 operators trained', '10–16'],
            ),
          ],
          7: [p('Prepaid water dispensers in Nairobi’s Mathare settlement, presented by a Nairobi practitioner at the peer consultation.')],
          8: [
            p('Co-financing of 20 % from the two utilities; the rest from a municipal partnership fund (two-stage application: project sketch, then full application).'),
          ],
          9: [p('Theft of solar panels (assumption: committees guard the sites); tariff changes by the regulator.')],
        }),
      ],
    },
  },
  {
    network: 'middle-east-north-africa',
    author: 'leila',
    coAuthors: ['karim'],
    title: 'Participatory budgeting pilot for neighbourhood streets',
    summary: 'Sfax and Amman let residents decide on 5 % of the street maintenance budget, with an online and an in-person vote.',
    cluster: 'good-urban-governance',
    sdgs: [11, 16],
    status: 'idea',
    document: {
      type: 'doc',
      content: [
        ...conceptNote({
          1: [p('Sfax and Amman, 18 months: residents choose street improvements worth 5 % of the maintenance budget.')],
          2: [
            p('Complaints about street maintenance are the first reason residents contact both municipalities, yet few take part in public hearings. Women and young people are hardly heard.'),
          ],
          7: [
            bullets('Porto Alegre’s participatory budget (since 1989)', 'Advice from the peer consultation in Tunis: start with one district and publish every decision'),
          ],
        }),
      ],
    },
  },
  {
    network: 'latin-america',
    author: 'lucia',
    coAuthors: [],
    title: 'Feeder routes for the Quito metro with electric buses',
    summary: 'Three electric feeder lines connect hillside neighbourhoods to the new metro stations.',
    cluster: 'integrated-urban-development',
    sdgs: [7, 11, 13],
    status: 'idea',
    document: {
      type: 'doc',
      content: [
        ...conceptNote({
          2: [p('The metro opened in 2023, but hillside neighbourhoods are 40 minutes’ walk from the nearest station.')],
        }),
      ],
    },
  },
]
