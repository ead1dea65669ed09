// The dashboard's own address with its filters: the county in focus, the Themenfeld, the Land
// whose counties the charts show.
export function dashboardHref(params: { kreis?: string | null; themeId: number | null; land?: string | null }): string {
  const query = new URLSearchParams()
  if (params.kreis) query.set('kreis', params.kreis)
  if (params.themeId) query.set('themenfeld', String(params.themeId))
  if (params.land) query.set('land', params.land)
  const text = query.toString()
  return text ? `/?${text}` : '/'
}
