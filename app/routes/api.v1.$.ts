// Unknown API paths answer in JSON too, not with the HTML 404 page.
import { apiError } from '~/utils/api.server'

export function loader() {
  throw apiError(404, 'Diesen Endpunkt gibt es nicht. Die verfügbaren Endpunkte stehen in /api/v1/openapi.json.')
}

export function action() {
  throw apiError(405, 'Die Schnittstelle ist nur lesend: Es sind nur GET-Anfragen erlaubt.', undefined, { Allow: 'GET' })
}
