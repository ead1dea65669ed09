// Starts and stops the background tasks (docs/decisions/016-job-queue.md). On PostgreSQL every
// app process runs a graphile-worker runner: they share one queue in the graphile_worker schema,
// each cron tick becomes one job for all processes together, and a job of a process that dies
// is taken up again. On PGlite (one process) a timer runs the same tasks in-process.
import type { Runner } from 'graphile-worker'
import postgres from 'postgres'
import { env } from '~/utils/env.server'
import { log as writeLog } from '~/utils/log.server'
import { listenForJobRequests } from '~/utils/job-requests.server'
import { schedule, tasks, type TaskContext, type TaskName } from './tasks.server'

type Jobs = { stop: () => Promise<void>; enqueue: (task: TaskName) => Promise<void> }

// One set per process, also across the dev server's module reloads.
const state = globalThis as unknown as { __ozgRadarJobs?: Promise<Jobs> }

/** Starts the tasks once per process; later calls return the running instance. */
export function startJobs(options: { databaseUrl?: string } = {}): Promise<Jobs> {
  state.__ozgRadarJobs ??= (async () => {
    const url = options.databaseUrl ?? env().DATABASE_URL
    const jobs = url ? await startQueue(url) : startInProcess()
    // Routes ask for a task through utils/job-requests (they may not import this module).
    const unlisten = listenForJobRequests((task) => {
      if (task in tasks) jobs.enqueue(task as TaskName).catch((error) => log('error', `Aufgabe ${task} nicht eingereiht: ${String(error)}`))
    })
    return {
      enqueue: jobs.enqueue,
      stop: async () => {
        unlisten()
        await jobs.stop()
      },
    }
  })()
  return state.__ozgRadarJobs
}

/** Lets running tasks finish and stops; the next startJobs() starts afresh. */
export async function stopJobs(): Promise<void> {
  const running = state.__ozgRadarJobs
  state.__ozgRadarJobs = undefined
  if (running) await (await running).stop()
}

/** Asks for a task to run soon, e.g. after a write that created work. No-op when not started. */
export async function enqueueJob(task: TaskName): Promise<void> {
  const running = state.__ozgRadarJobs
  if (running) await (await running).enqueue(task)
}

function log(level: 'error' | 'warning' | 'info' | 'debug', message: string) {
  writeLog(level === 'warning' ? 'warn' : level, 'jobs', message)
}

// Any constant, the same for all app processes; it must differ from the migration and seed locks.
const QUEUE_MIGRATION_LOCK = 4_206_304

export async function startQueue(url: string, options: { concurrency?: number } = {}): Promise<Jobs> {
  const { run, runMigrations, Logger, parseCrontab } = await import('graphile-worker')
  // A line per finished job, every minute per process, is noise: those are debug lines.
  const logger = new Logger(() => (level, message) => log(level === 'info' && message.startsWith('Completed task') ? 'debug' : level, message))
  // graphile-worker installs its schema itself; under one lock, so app processes starting
  // together do not race each other.
  const locker = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await locker`select pg_advisory_lock(${QUEUE_MIGRATION_LOCK})`
    await runMigrations({ connectionString: url, logger })
    await locker`select pg_advisory_unlock(${QUEUE_MIGRATION_LOCK})`
  } finally {
    await locker.end()
  }
  const concurrency = options.concurrency ?? 2
  const runner: Runner = await run({
    connectionString: url,
    // A second, small pool beside postgres.js: graphile-worker talks to PostgreSQL through `pg`.
    maxPoolSize: concurrency + 2,
    concurrency,
    noHandleSignals: true,
    pollInterval: 2000,
    logger,
    parsedCronItems: parseCrontab(schedule.map((s) => `${s.cron} ${s.task} ?jobKey=${s.task}`).join('\n')),
    taskList: Object.fromEntries(
      Object.entries(tasks).map(([name, task]) => [
        name,
        async (_payload, helpers) => {
          const ctx: TaskContext = {
            now: new Date(),
            // A job key keeps at most one waiting job per task, however often it is asked for.
            enqueue: async (next) => {
              await helpers.addJob(next, {}, { jobKey: next })
            },
          }
          await task(ctx)
        },
      ]),
    ),
  })
  return {
    enqueue: async (task) => {
      await runner.addJob(task, {}, { jobKey: task })
    },
    stop: () => runner.stop(),
  }
}

/** PGlite: one process, so a timer and a serial loop suffice; the state lives in the database. */
function startInProcess(): Jobs {
  const wanted = new Set<TaskName>()
  let draining: Promise<void> | null = null
  let stopped = false

  const drain = (): Promise<void> => {
    draining ??= (async () => {
      while (wanted.size && !stopped) {
        const [task] = wanted
        wanted.delete(task)
        try {
          await tasks[task]({ now: new Date(), enqueue: async (next) => void wanted.add(next) })
        } catch (error) {
          // The next tick tries again: every task is a sweep over what is still to do.
          log('error', `Aufgabe ${task} fehlgeschlagen: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
        }
      }
    })().finally(() => {
      draining = null
    })
    return draining
  }
  const enqueue = async (task: TaskName) => {
    wanted.add(task)
    void drain()
  }
  const tick = () => {
    const minute = new Date().getUTCMinutes()
    for (const s of schedule) if (cronMinuteMatches(s.cron, minute)) wanted.add(s.task)
    void drain()
  }
  // Catch up at start (a day's digest may be due), then once a minute.
  for (const s of schedule) wanted.add(s.task)
  void drain()
  const timer = setInterval(tick, 60_000)
  timer.unref()
  return {
    enqueue,
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await draining
    },
  }
}

/** The in-process timer reads only the minute field; the schedule uses nothing finer. */
export function cronMinuteMatches(cron: string, minute: number): boolean {
  const field = cron.split(' ')[0]
  return field === '*' || Number(field) === minute
}
