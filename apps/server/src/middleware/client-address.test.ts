import { describe, expect, it } from 'vitest'
import { compileTrust, limitKey, parseTrustProxy } from './client-address.ts'

describe('TRUST_PROXY', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.5', ['10.0.0.0/8', '192.168.1.5']],
  ])('reads %j as %j', (text, value) => {
    expect(parseTrustProxy(text)).toEqual(value)
  })

  it('refuses what is neither a flag, a number nor addresses', () => {
    expect(parseTrustProxy('yes')).toEqual({ error: expect.stringMatching(/invalid IP address: yes/) })
    expect(parseTrustProxy('10.0.0.0/99')).toEqual({ error: expect.any(String) })
  })

  it('trusts the nearest n hops, listed addresses, all or none', () => {
    expect(compileTrust(false)('127.0.0.1', 0)).toBe(false)
    expect(compileTrust(true)('203.0.113.9', 5)).toBe(true)
    const two = compileTrust(2)
    expect([two('10.0.0.1', 0), two('10.0.0.2', 1), two('10.0.0.3', 2)]).toEqual([true, true, false])
    const listed = compileTrust(['loopback', '10.0.0.0/8'])
    expect([listed('127.0.0.1', 0), listed('10.1.2.3', 1), listed('203.0.113.9', 0)]).toEqual([true, true, false])
  })
})

describe('limitKey', () => {
  it('keeps an IPv4 address, also when it comes IPv4-mapped', () => {
    expect(limitKey('203.0.113.9')).toBe('203.0.113.9')
    expect(limitKey('::ffff:203.0.113.9')).toBe('203.0.113.9')
  })

  it('keys an IPv6 address by its /64, so one subscriber cannot take a new address per request', () => {
    expect(limitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(limitKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(limitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
  })

  it('says unknown for no address, and keeps what it cannot read', () => {
    expect(limitKey(undefined)).toBe('unknown')
    expect(limitKey('')).toBe('unknown')
    expect(limitKey('not an address')).toBe('not an address')
  })
})
