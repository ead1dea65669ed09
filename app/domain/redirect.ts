// Where to send a user after signing in (`weiter`). An open redirect would be a phishing aid, so
// only a path that stays on our own origin once a browser has resolved it is accepted.

// Any origin works for resolving: the check is only whether the result keeps it.
const OWN = 'http://ozg-radar.invalid'
// A browser silently drops tab, CR and LF from a URL (`/\t/evil.example` becomes
// `//evil.example`), and CR/LF in a Location header is a header injection: a legitimate target
// never contains a control character, plain or percent-encoded (in case something on the way
// decodes once more), so such a value is refused outright.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const CONTROL = /[\u0000-\u001f\u007f]|%(?:[01][0-9a-f]|7f)/i

/** The path to redirect to, or `fallback` when `target` is missing or would leave our origin. */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string' || target === '' || !target.startsWith('/') || CONTROL.test(target)) return fallback
  let resolved: URL
  try {
    resolved = new URL(target, OWN)
  } catch {
    return fallback
  }
  if (resolved.origin !== OWN) return fallback
  // The serialised form, not the input: what we send is exactly what we checked.
  return resolved.pathname + resolved.search + resolved.hash
}
