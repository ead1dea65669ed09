import { describe, expect, it } from 'vitest'
import { safeRedirect } from '~/domain/redirect'

describe('safeRedirect', () => {
  it.each([
    ['/kreise/03351', '/kreise/03351'],
    ['/kreise/03351?fortschritt=online#zeile-10519', '/kreise/03351?fortschritt=online#zeile-10519'],
    ['/leistungen?q=Bauantrag%20stellen', '/leistungen?q=Bauantrag%20stellen'],
    ['/', '/'],
    // Dot segments stay on our origin; the serialised path is sent.
    ['/a/../matrix', '/matrix'],
  ])('keeps our own path %j', (target, expected) => {
    expect(safeRedirect(target)).toBe(expected)
  })

  it.each([
    ['tab before a second slash (browsers drop the tab)', '/\t/evil.example'],
    ['a decoded %09 from the query string', decodeURIComponent('/%09/evil.example')],
    ['a still encoded %09', '/%09/evil.example'],
    ['an encoded CR/LF', '/kreise%0D%0ASet-Cookie:%20x=1'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/anmelden'],
    ['backslash', '/\\evil.example'],
    ['two backslashes', '\\\\evil.example'],
    ['backslash and slash', '/\\/evil.example'],
    ['absolute URL', 'https://evil.example'],
    ['absolute URL of our look-alike', 'http://ozg-radar.invalid.evil.example/'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['relative path without a slash', 'evil.example'],
    ['CR/LF header injection', '/\r\nSet-Cookie: x=1'],
    ['a lone LF', '/kreise\n'],
    ['a NUL byte', '/kreise\u0000'],
    ['newline before a second slash', '/\n/evil.example'],
    ['empty', ''],
    ['whitespace then slashes', ' //evil.example'],
  ])('falls back to / for %s', (_case, target) => {
    expect(safeRedirect(target)).toBe('/')
  })

  it.each([[null], [undefined], [42], [{ toString: () => '/x' }]])('falls back for a non-string %j', (target) => {
    expect(safeRedirect(target, '/profil')).toBe('/profil')
  })
})
