/** At most this many characters of a rejected value are quoted back in a message. */
export const MAX_EXCERPT_CHARS = 40

/** A short quote of what someone typed or uploaded, for an error message: never all of a huge value. */
export function excerpt(value: string): string {
  return value.length > MAX_EXCERPT_CHARS ? `${value.slice(0, MAX_EXCERPT_CHARS)}…` : value
}
