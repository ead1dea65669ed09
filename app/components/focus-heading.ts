// WCAG 2.4.3: after a page change in the browser (links, filters, a redirect after sign-in or a
// save) focus moves to the new page's main heading, so that a screen reader reads the new page
// and the next Tab starts in its content, not in the header. A page that wants focus elsewhere
// first (an error summary) marks that element with `data-focus-first`. The first page load is
// left alone: the browser starts at the top, where the skip link is.
import { useLocation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

export function useFocusMainHeading(mainId: string) {
  const { key, hash } = useLocation()
  const firstRender = useRef(true)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    // An address with #anchor leads to its own target.
    if (hash) return
    const main = document.getElementById(mainId)
    const target = main?.querySelector<HTMLElement>('[data-focus-first]') ?? main?.querySelector<HTMLElement>('h1')
    if (!target) return
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    // Scrolling is ScrollRestoration's job (top for a new page, back to where one was on „zurück“).
    target.focus({ preventScroll: true })
  }, [key, hash, mainId])
}
