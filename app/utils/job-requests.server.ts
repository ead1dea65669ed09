// Lets a route ask for a background task to run soon without importing the job runner (routes
// sit above it in the layers): the runner listens here while it runs; before it starts, or
// without it (tests), a request is dropped and the next scheduled run does the work.
type Listener = (task: string) => void

let listener: Listener | null = null

export function requestJob(task: 'notification-events' | 'digests' | 'send-mails'): void {
  listener?.(task)
}

/** For app/jobs only: returns the function that stops listening. */
export function listenForJobRequests(next: Listener): () => void {
  listener = next
  return () => {
    if (listener === next) listener = null
  }
}
