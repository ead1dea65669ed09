import type { LoaderFunctionArgs } from '@remix-run/node'
import { meetingReportMarkdown } from '~/domain/meeting-report'
import { getCommunityName } from '~/models/settings.server'
import { MeetingParams } from '~/domain/meeting'
import { getMeeting, getMeetingReport } from '~/models/meeting.server'
import { requireUser } from '~/guards/auth.server'
import { notFound, parseParams } from '~/utils/http.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request)
  const { id } = parseParams(MeetingParams, params)
  const meeting = await getMeeting(id)
  if (!meeting) throw notFound('Diese Sitzung gibt es nicht.')
  // The export is complete: no list is capped.
  const [report, communityName] = await Promise.all([getMeetingReport(meeting, null), getCommunityName()])
  return new Response(meetingReportMarkdown(meeting, report, communityName), {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="sitzung-${meeting.heldOn}-${meeting.id}.md"`,
      'Cache-Control': 'no-store',
    },
  })
}
