// Percentiles and rounding for the benchmark's figures.

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}

/** NaN (no samples) stays NaN and is written as null in the JSON. */
export const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : NaN)

export function pad(text: string, width: number) {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}
