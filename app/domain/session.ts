// Session lifetimes and how a session is shown to its owner on the profile page.

/** A session ends at the latest this many days after sign-in. */
export const SESSION_DAYS = 14
/** …and earlier after this many hours without a request (a forgotten office computer). */
export const SESSION_IDLE_HOURS = 8
/** last_seen_at moves forward at most this often, so that a request does not cost a write. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60

// The first matching rule names the browser; Edge and Opera carry "Chrome" too, so they come first.
const browsers: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/FxiOS\/(\d+)/, 'Firefox'],
  [/CriOS\/(\d+)/, 'Chrome'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
]
const systems: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

/** „Firefox 133 unter Windows“ from a User-Agent header; „Unbekannter Browser“ when unsure. */
export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Unbekannter Browser'
  let browser = ''
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(userAgent)
    if (match) {
      browser = `${name} ${match[1]}`
      break
    }
  }
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1]
  if (!browser) return system ? `Unbekannter Browser unter ${system}` : 'Unbekannter Browser'
  return system ? `${browser} unter ${system}` : browser
}
