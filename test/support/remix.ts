// What a loader or action answered, whether it returned or threw: a Response, Remix's `data()`
// (DataWithResponseInit) or plain data.
export type Answer = { status: number; headers: Headers; body: unknown }

export async function answerOf(run: () => Promise<unknown> | unknown): Promise<Answer> {
  let value: unknown
  try {
    value = await run()
  } catch (thrown) {
    if (!(thrown instanceof Response) && !(thrown && typeof thrown === 'object' && 'type' in thrown)) throw thrown
    value = thrown
  }
  if (value instanceof Response) {
    const text = await value.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: keep the text
    }
    return { status: value.status, headers: value.headers, body }
  }
  if (value && typeof value === 'object' && 'type' in value && (value as { type: string }).type === 'DataWithResponseInit') {
    const { data, init } = value as unknown as { data: unknown; init?: ResponseInit | null }
    return { status: init?.status ?? 200, headers: new Headers(init?.headers), body: data }
  }
  return { status: 200, headers: new Headers(), body: value }
}
