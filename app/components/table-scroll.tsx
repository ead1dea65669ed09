import type { ReactNode } from 'react'

/**
 * A wide table's horizontal scroll box. At 320 px the page reflows and only this box scrolls
 * (WCAG 1.4.10); it is a named region in the tab order so keyboard users can scroll it
 * (WCAG 2.1.1, axe scrollable-region-focusable) and shows a focus ring (app.css, WCAG 2.4.7).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}
