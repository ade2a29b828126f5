import type { Ctx } from '../../app-env.ts'
import { userOf } from '../../app-env.ts'
import { parseId } from '../../lib/forms.ts'
import { STOCK_STREAM } from '../stock.live.tsx'
import { RequestActions, type ActionState } from '../../../views/stock/requests/RequestActions.tsx'
import { RequestCard } from '../../../views/stock/requests/RequestCard.tsx'
import { RequestPage } from '../../../views/stock/requests/RequestPage.tsx'
import { findRequestFor, requestHistory, type RequestRow } from './requests.queries.ts'
import { allowedActions, canFulfil } from './requests.workflow.ts'

// The request named in the path, found through the user: null means 404.
export async function loadRequest(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id ? findRequestFor(c.get('db'), userOf(c), id) : null
}

export const fulfilHref = (r: RequestRow) =>
  `/stock/batches/new?request=${r.id}&material=${r.material_id}&qty=${r.quantity}`

export async function renderCard(c: Ctx, r: RequestRow) {
  const events = await requestHistory(c.get('db'), r.id)
  return <RequestCard r={r} events={events} user={userOf(c)} />
}

// The request's page; a refused or invalid action shows it again with the reason.
export async function renderRequestPage(
  c: Ctx,
  r: RequestRow,
  opts: { state?: ActionState; message?: string } = {},
) {
  const me = userOf(c)
  return c.render(
    <RequestPage
      message={opts.message}
      card={await renderCard(c, r)}
      actions={
        <RequestActions
          r={r}
          actions={allowedActions(me, r)}
          fulfilHref={canFulfil(me, r) ? fulfilHref(r) : null}
          state={opts.state}
        />
      }
    />,
    { title: `Заявка № ${r.id}`, streams: [STOCK_STREAM] },
  )
}
