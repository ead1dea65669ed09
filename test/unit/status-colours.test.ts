// The status chip's colours (app/styles/app.css, `.cell-*`) must stay apart for people with the
// three common colour-vision deficiencies, and dark text must stay readable on each.
//
// Simulation: Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation
// of Color Vision Deficiency", IEEE TVCG 15(6):1291–1298, doi:10.1109/TVCG.2009.113 — the published
// matrices for severity 1.0 (protanopia, deuteranopia, tritanopia), applied to linear sRGB.
// Distance: CIEDE2000 (CIE 142-2001), implemented after Sharma, Wu & Dalal (2005), "The CIEDE2000
// color-difference formula: implementation notes, supplementary test data, and mathematical
// observations", Color Res. Appl. 30(1):21–30; checked below against pairs of their test data.
// Threshold (ours): ΔE00 ≥ 10 between any two chip colours, in normal vision and in each
// simulation. ΔE00 ≈ 1 is about a just-noticeable difference for large side-by-side patches; the
// matrix shows small cells scattered over a grid, so we ask for ten times that.
// Contrast: WCAG 2.2 relative luminance and contrast ratio, SC 1.4.3 (AA, 4.5:1 for normal text).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { statusChips, statusLegend } from '~/domain/status-chip'

type Rgb = [number, number, number]
type Matrix3 = [Rgb, Rgb, Rgb]

const MACHADO_2009: Record<'protanopia' | 'deuteranopia' | 'tritanopia', Matrix3> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
}
const MIN_DELTA_E = 10
const TEXT = '#1b1b1b'

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
const linearRgb = (hex: string): Rgb => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255)) as Rgb
const clamp = (v: number) => Math.min(1, Math.max(0, v))
const simulate = (c: Rgb, m: Matrix3): Rgb => m.map((r) => clamp(r[0] * c[0] + r[1] * c[1] + r[2] * c[2])) as Rgb
const luminance = (c: Rgb) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
function contrast(a: Rgb, b: Rgb) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** CIELAB (D65) of a linear sRGB colour. */
function lab(c: Rgb): Rgb {
  const x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047
  const y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
  const z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116)
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}

const rad = Math.PI / 180
const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360)

/** CIEDE2000 colour difference (kL = kC = kH = 1). */
function deltaE2000([l1, a1, b1]: Rgb, [l2, a2, b2]: Rgb): number {
  const cMean = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2
  const g = 0.5 * (1 - Math.sqrt(cMean ** 7 / (cMean ** 7 + 25 ** 7)))
  const [a1p, a2p] = [(1 + g) * a1, (1 + g) * a2]
  const [c1p, c2p] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)]
  const [h1p, h2p] = [hue(b1, a1p), hue(b2, a2p)]
  let dh = 0
  if (c1p * c2p !== 0) dh = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p < -180 ? h2p - h1p + 360 : h2p - h1p
  const dL = l2 - l1
  const dC = c2p - c1p
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh / 2) * rad)
  const lMean = (l1 + l2) / 2
  const cpMean = (c1p + c2p) / 2
  let hMean = h1p + h2p
  if (c1p * c2p !== 0) hMean = (Math.abs(h1p - h2p) > 180 ? hMean + (hMean < 360 ? 360 : -360) : hMean) / 2
  const t = 1 - 0.17 * Math.cos((hMean - 30) * rad) + 0.24 * Math.cos(2 * hMean * rad) + 0.32 * Math.cos((3 * hMean + 6) * rad) - 0.2 * Math.cos((4 * hMean - 63) * rad)
  const rc = 2 * Math.sqrt(cpMean ** 7 / (cpMean ** 7 + 25 ** 7))
  const rt = -Math.sin(2 * 30 * Math.exp(-(((hMean - 275) / 25) ** 2)) * rad) * rc
  const sl = 1 + (0.015 * (lMean - 50) ** 2) / Math.sqrt(20 + (lMean - 50) ** 2)
  const sc = 1 + 0.045 * cpMean
  const sh = 1 + 0.015 * cpMean * t
  return Math.sqrt((dL / sl) ** 2 + (dC / sc) ** 2 + (dH / sh) ** 2 + rt * (dC / sc) * (dH / sh))
}

/** The background (and text colour, where set) of each `.cell-*` class, as the stylesheet has them. */
function stylesheetColours() {
  const css = readFileSync(new URL('../../app/styles/app.css', import.meta.url), 'utf8')
  const colours = new Map<string, { background: string; color?: string }>()
  for (const [, selectors, body] of css.matchAll(/([^{}]*\.cell-[^{}]*)\{([^}]*)\}/g)) {
    const background = /background(?:-color)?:\s*(#[0-9a-f]{6})/i.exec(body)?.[1]
    const color = /(?:^|;)\s*color:\s*(#[0-9a-f]{6})/i.exec(body)?.[1]
    if (!background) continue
    for (const [, name] of selectors.matchAll(/\.(cell-[a-z-]+)/g)) colours.set(name, { background, color })
  }
  return colours
}

describe('the CIEDE2000 implementation', () => {
  it('matches test data of Sharma, Wu & Dalal (2005)', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4)
    expect(deltaE2000([50, 3.1571, -77.2803], [50, 0, -82.7485])).toBeCloseTo(2.8615, 4)
    expect(deltaE2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 4)
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4)
    expect(deltaE2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4)
  })
})

describe('the status colours', () => {
  const colours = stylesheetColours()
  const chipClasses = [...new Set(statusLegend.map((code) => statusChips[code].className))]
  const backgrounds = [...new Set(chipClasses.map((name) => colours.get(name)?.background ?? 'missing'))]

  it('give every chip class a background in the stylesheet', () => {
    expect(chipClasses.filter((name) => !colours.has(name))).toEqual([])
    // online, teilweise online, in Umsetzung, geplant, offen, and white for "nicht zuständig" / "kein Eintrag"
    expect(backgrounds).toHaveLength(6)
  })

  for (const vision of ['normal', 'protanopia', 'deuteranopia', 'tritanopia'] as const) {
    it(`stay at least ΔE00 ${MIN_DELTA_E} apart with ${vision === 'normal' ? 'normal vision' : `simulated ${vision}`}`, () => {
      const seen = backgrounds.map((hex) => {
        const c = linearRgb(hex)
        return { hex, lab: lab(vision === 'normal' ? c : simulate(c, MACHADO_2009[vision])) }
      })
      const tooClose: string[] = []
      for (let i = 0; i < seen.length; i++) {
        for (let j = i + 1; j < seen.length; j++) {
          const d = deltaE2000(seen[i].lab, seen[j].lab)
          if (d < MIN_DELTA_E) tooClose.push(`${seen[i].hex}/${seen[j].hex}: ${d.toFixed(1)}`)
        }
      }
      expect(tooClose).toEqual([])
    })
  }

  it('keep their text at WCAG AA contrast, also on the darker stripes of EfA cells', () => {
    const failing: string[] = []
    for (const name of chipClasses) {
      const { background, color } = colours.get(name)!
      const bg = linearRgb(background)
      // EfA cells are hatched with rgba(0,0,0,0.07) over the colour: a 7 % darker stripe (in sRGB).
      const stripe = linearRgb(`#${[1, 3, 5].map((i) => Math.round(parseInt(background.slice(i, i + 2), 16) * 0.93).toString(16).padStart(2, '0')).join('')}`)
      const ratio = Math.min(contrast(bg, linearRgb(color ?? TEXT)), contrast(stripe, linearRgb(color ?? TEXT)))
      if (ratio < 4.5) failing.push(`${name}: ${ratio.toFixed(2)}`)
    }
    expect(failing).toEqual([])
  })
})
