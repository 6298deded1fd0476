/**
 * The direction a browser gives an element with `dir="auto"`: that of the first strongly directional character (a
 * letter of a right-to-left script → rtl, any other letter → ltr), or none when the text has no letter.
 */
const letter = /\p{L}/u
const rightToLeft = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u

export function firstStrongDirection(text: string): 'ltr' | 'rtl' | null {
  for (const char of text) {
    if (!letter.test(char)) continue
    return rightToLeft.test(char) ? 'rtl' : 'ltr'
  }
  return null
}
