// The part of autocannon's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export type Options = {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    timeout?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    /** Requests in turn; setupRequest builds each one just before it is sent. */
    requests?: {
      setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | undefined
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void
    }[]
  }
  export type RequestParams = { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    requests: { average: number; total: number }
    latency: { p50: number; p99: number; average: number }
  }
  export interface Instance extends EventEmitter {
    stop(): void
  }
  export default function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance
}
