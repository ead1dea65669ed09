import { describe, expect, it } from 'vitest'
import { addressKey, describeWait, LOGIN_LIMITS, loginBuckets, normalizeEmail, UNKNOWN_ADDRESS } from '~/domain/rate-limit'
import { describeUserAgent } from '~/domain/session'
import { clientAddress } from '~/utils/client-address.server'

describe('describeUserAgent', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 unter Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome 131 unter Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86', 'Edge 131 unter Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15', 'Safari 18 unter macOS'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari 18 unter iOS'],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 'Samsung Internet 26 unter Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome 156 unter Linux'],
    ['curl/8.5.0', 'Unbekannter Browser'],
    ['', 'Unbekannter Browser'],
    [null, 'Unbekannter Browser'],
  ])('%j → %s', (ua, expected) => {
    expect(describeUserAgent(ua)).toBe(expected)
  })
})

describe('clientAddress', () => {
  it('takes the address the server handed in and never a header', () => {
    const request = new Request('http://localhost/anmelden', { headers: { 'X-Forwarded-For': '198.51.100.7', 'X-Real-IP': '198.51.100.8' } })
    expect(clientAddress(request, { clientAddress: '203.0.113.5' })).toBe('203.0.113.5')
    expect(clientAddress(request, {})).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(request, undefined)).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(request, { clientAddress: '' })).toBe(UNKNOWN_ADDRESS)
    expect(clientAddress(request, { clientAddress: 42 })).toBe(UNKNOWN_ADDRESS)
  })
})

describe('login buckets', () => {
  it('counts per pair, per address and per account, and spares known addresses the account tiers', () => {
    const email = normalizeEmail('  Person@Kreis.DE ')
    expect(email).toBe('person@kreis.de')
    const all = loginBuckets(email, '203.0.113.5', false)
    expect(all.map((b) => b.limit)).toEqual([LOGIN_LIMITS.pair.limit, LOGIN_LIMITS.address.limit, ...LOGIN_LIMITS.account.map((t) => t.limit)])
    expect(loginBuckets(email, '203.0.113.5', true).map((b) => b.limit)).toEqual([LOGIN_LIMITS.pair.limit, LOGIN_LIMITS.address.limit])
    // Without an address only the account tiers apply, known or not.
    expect(loginBuckets(email, UNKNOWN_ADDRESS, true).map((b) => b.limit)).toEqual(LOGIN_LIMITS.account.map((t) => t.limit))
  })

  it('keeps one address below every account tier on its own', () => {
    for (const tier of LOGIN_LIMITS.account) {
      const fromOneAddress = Math.ceil(tier.windowSeconds / LOGIN_LIMITS.pair.windowSeconds) * LOGIN_LIMITS.pair.limit
      expect(fromOneAddress, `${tier.windowSeconds} s`).toBeLessThan(tier.limit)
    }
  })

  it.each([
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8:abcd:12::1', '2001:db8:abcd:12::/64'],
    ['2001:0DB8:abcd:0012:ffff:1:2:3', '2001:db8:abcd:12::/64'],
    ['2001:db8::7', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['kein-ip', 'kein-ip'],
  ])('counts the address %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key)
  })

  it.each([
    [1, '1 Minute'],
    [60, '1 Minute'],
    [61, '2 Minuten'],
    [900, '15 Minuten'],
    [5_340, '89 Minuten'],
    [5_400, '2 Stunden'],
    [86_400, '24 Stunden'],
  ])('names a wait of %i s as „%s“', (seconds, text) => {
    expect(describeWait(seconds)).toBe(text)
  })
})
