// „Fehler: “ in front of the document title while a page shows errors the user has to fix (a
// form's answer, which the route's `meta` cannot see). Pages whose loader knows of the errors
// say so in `meta` through pageTitle(…, { errors: true }) instead, which also works without JS.
import { useEffect } from 'react'
import { ERROR_PREFIX, withErrorPrefix } from '~/domain/page-title'

export function useErrorTitle(hasErrors: boolean) {
  useEffect(() => {
    if (!hasErrors) return
    document.title = withErrorPrefix(document.title)
    return () => {
      if (document.title.startsWith(ERROR_PREFIX)) document.title = document.title.slice(ERROR_PREFIX.length)
    }
  }, [hasErrors])
}
