// Paging limits of the JSON API; pure so the OpenAPI document (built at module level) can use them.
export const MAX_LIMIT = 1000
export const DEFAULT_LIMIT = 100
