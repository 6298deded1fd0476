import type { JSONContent } from '@tiptap/core'

const text = (value: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: value, marks } : { type: 'text', text: value }
const paragraph = (...content: JSONContent[]): JSONContent =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }

/** A document using every kind of content the tests care about. */
export const sampleDocument: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [text('Green corridors for Tandem cities')] },
    { type: 'heading', attrs: { level: 2 }, content: [text('1. Summary')] },
    paragraph(
      text('Plain, '),
      text('bold', [{ type: 'bold' }]),
      text(', '),
      text('italic', [{ type: 'italic' }]),
      text(', '),
      text('bold italic', [{ type: 'bold' }, { type: 'italic' }]),
      text(', '),
      text('underlined', [{ type: 'underline' }]),
      text(' and a '),
      text('link', [{ type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }]),
      text('.'),
    ),
    paragraph(text('Escaping: <script>alert("x")</script> & <b>not bold</b>')),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [paragraph(text('First bullet'))] },
        {
          type: 'listItem',
          content: [
            paragraph(text('Second bullet')),
            { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [paragraph(text('Nested step'))] }] },
          ],
        },
      ],
    },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [paragraph(text('Agree on partner cities'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [paragraph(text('Draft the budget'))] },
      ],
    },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [paragraph(text('Item'))] },
            { type: 'tableHeader', content: [paragraph(text('EUR'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [paragraph(text('Study visit'))] },
            { type: 'tableCell', content: [paragraph(text('12 000'))] },
          ],
        },
      ],
    },
    paragraph(),
  ],
}
