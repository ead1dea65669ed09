// Okabe–Ito: eight colours that readers with the common colour-vision deficiencies can tell
// apart. Patterns (and the table beside every chart) make sure colour is never the only cue.
export const okabeIto = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
  grey: '#999999',
} as const

export type PatternKind = 'solid' | 'diagonal' | 'dots' | 'cross' | 'horizontal' | 'vertical' | 'zigzag'

export type SeriesStyle = { color: string; pattern?: PatternKind; dash?: number[]; point?: 'circle' | 'triangle' | 'rect' | 'rectRot' | 'star' | 'crossRot' }

/** A canvas pattern: the colour as background, the marks in black or white for contrast. */
export function makePattern(color: string, kind: PatternKind = 'solid'): CanvasPattern | string {
  if (kind === 'solid' || typeof document === 'undefined') return color
  const size = 10
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const ctx = canvas.getContext('2d')
  if (!ctx) return color
  ctx.fillStyle = color
  ctx.fillRect(0, 0, size, size)
  ctx.strokeStyle = isDark(color) ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0.7)'
  ctx.fillStyle = ctx.strokeStyle
  ctx.lineWidth = 1.5
  ctx.beginPath()
  switch (kind) {
    case 'diagonal':
      ctx.moveTo(0, size)
      ctx.lineTo(size, 0)
      ctx.moveTo(-2, 2)
      ctx.lineTo(2, -2)
      ctx.moveTo(size - 2, size + 2)
      ctx.lineTo(size + 2, size - 2)
      break
    case 'dots':
      ctx.arc(size / 2, size / 2, 1.8, 0, Math.PI * 2)
      ctx.fill()
      break
    case 'cross':
      ctx.moveTo(0, 0)
      ctx.lineTo(size, size)
      ctx.moveTo(size, 0)
      ctx.lineTo(0, size)
      break
    case 'horizontal':
      ctx.moveTo(0, size / 2)
      ctx.lineTo(size, size / 2)
      break
    case 'vertical':
      ctx.moveTo(size / 2, 0)
      ctx.lineTo(size / 2, size)
      break
    case 'zigzag':
      ctx.moveTo(0, size * 0.7)
      ctx.lineTo(size / 2, size * 0.3)
      ctx.lineTo(size, size * 0.7)
      break
  }
  ctx.stroke()
  return ctx.createPattern(canvas, 'repeat') ?? color
}

function isDark(hex: string) {
  const n = Number.parseInt(hex.slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  return 0.299 * r + 0.587 * g + 0.114 * b < 140
}
