/**
 * The two lib0 reads the editor needs from a room message, on y-websocket's own decoder object (`{arr, pos}`), so the
 * app does not depend on lib0 directly. Same encoding as lib0/decoding: little-endian base-128 varints.
 */
export interface WireDecoder {
  arr: Uint8Array
  pos: number
}

export function readVarUint(decoder: WireDecoder): number {
  let value = 0
  let multiplier = 1
  for (;;) {
    if (decoder.pos >= decoder.arr.length) throw new RangeError('unexpected end of message')
    const byte = decoder.arr[decoder.pos++]!
    value += (byte & 0x7f) * multiplier
    if (byte < 0x80) return value
    multiplier *= 128
    if (multiplier > 2 ** 53) throw new RangeError('varint too long')
  }
}

export function readVarUint8Array(decoder: WireDecoder): Uint8Array {
  const length = readVarUint(decoder)
  if (decoder.pos + length > decoder.arr.length) throw new RangeError('unexpected end of message')
  const bytes = decoder.arr.subarray(decoder.pos, decoder.pos + length)
  decoder.pos += length
  return bytes
}
