import type { useLoaderData } from '@remix-run/react'
import type { loader } from './route'

/** What the meeting page's loader sends, as its parts receive it. */
export type ReportPageData = ReturnType<typeof useLoaderData<typeof loader>>
export type Report = ReportPageData['report']
export type Decisions = ReportPageData['decisions']
