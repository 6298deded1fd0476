/**
 * The order in which `count` servers are measured in round `round`, from a Williams design: a first round of
 * 0, 1, n-1, 2, n-2, …, each later pair of rounds that order shifted by one more place, and the second of each pair
 * reversed. A server's window is disturbed by what the server measured just before it leaves behind (its last
 * commits, its own and its clients' garbage collection, a database's background work). With turns alone
 * (A B C, B C A, C A B) each server always followed the same one, and in A/A runs of one Tandem beside itself the one
 * measured after the other was 0.4–1.6 ms behind at p99. Here every server follows every other equally often over
 * 2 × `count` rounds, and about as often in any run of rounds.
 */
export function windowOrder(count: number, round: number): number[] {
  const shift = Math.floor(round / 2) % count
  const first = Array.from({ length: count }, (_, j) => (j % 2 === 1 ? (j + 1) / 2 : (count - j / 2) % count))
  const order = first.map((server) => (server + shift) % count)
  return round % 2 === 0 ? order : order.reverse()
}

/**
 * The rounds of one complete design for `count` servers: 2 × count. Only then does every server follow every other
 * equally often, and does each get the same number of windows straight after its own (the last server of a round is
 * the first of the next, reversed one: with five servers and five rounds, two servers had such a window, unidled,
 * and the other three none).
 */
export function completeRounds(count: number): number {
  return count <= 1 ? 1 : 2 * count
}
