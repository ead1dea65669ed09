// Unknown API paths answer in JSON too, not with the HTML 404 page.
import { apiError, apiMethodNotAllowed } from '~/guards/api.server'

export function loader() {
  throw apiError(404, 'Diesen Endpunkt gibt es nicht. Die verfügbaren Endpunkte stehen in /api/v1/openapi.json.')
}

export const action = apiMethodNotAllowed
