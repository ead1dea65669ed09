import type { LoaderFunctionArgs } from '@remix-run/node'
import { meetingReportCsv } from '~/domain/meeting-report'
import { MeetingParams } from '~/domain/meeting'
import { getMeeting, getMeetingReport } from '~/models/meeting.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const { id } = parseParams(MeetingParams, params)
  const meeting = await getMeeting(id)
  if (!meeting) throw notFound('Diese Sitzung gibt es nicht.')
  const report = await getMeetingReport(meeting, null)
  return new Response(meetingReportCsv(report), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="sitzung-${meeting.heldOn}-${meeting.id}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
