/**
 * A network's region, when it says more than the network's name: "Asia" in a network named "Asia" (or "Africa" in
 * "Sub-Saharan Africa") is not repeated under it. Words are compared without case, accents or punctuation, and "&"
 * reads as "and".
 */
export function regionWorthShowing(network: { name: string; region: string }): string | null {
  const region = network.region.trim()
  const regionWords = wordsOf(region)
  if (regionWords.length === 0) return null
  const nameWords = wordsOf(network.name)
  for (let start = 0; start + regionWords.length <= nameWords.length; start++) {
    if (regionWords.every((word, i) => nameWords[start + i] === word)) return null
  }
  return region
}

function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}
