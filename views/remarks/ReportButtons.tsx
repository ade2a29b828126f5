import { REMARK_REPORTS } from '../../src/remarks/reports/kinds.ts'

// The list's filters change without a page load (FilterForm swaps the list and pushes the URL):
// on submit the hidden inputs are rebuilt from the address bar, so a report is of what is shown.
// Without JavaScript the filters reload the page, and the inputs rendered here are current.
const SYNC_FILTERS =
  "var f=this,old=f.querySelectorAll('input[data-filter]');" +
  'for(var i=0;i<old.length;i++)old[i].parentNode.removeChild(old[i]);' +
  'new URLSearchParams(location.search).forEach(function(v,k){' +
  "if(k==='after'||k==='project')return;" +
  "var e=document.createElement('input');e.type='hidden';e.name=k;e.value=v;" +
  "e.setAttribute('data-filter','');f.appendChild(e)})"

// A project's remark reports of the current filter: each button starts a background job.
export function ReportButtons(p: { projectId: number; query: URLSearchParams }) {
  const filters = [...p.query.entries()].filter(([k]) => k !== 'after' && k !== 'project')
  return (
    <>
      {Object.entries(REMARK_REPORTS).map(([report, r]) => (
        <form
          method="post"
          action={`/projects/${p.projectId}/remarks/report/${report}`}
          hx-on-submit={SYNC_FILTERS}
        >
          {filters.map(([k, v]) => (
            <input type="hidden" name={k} value={v} data-filter="" />
          ))}
          <button class="btn" type="submit">
            {r.button}
          </button>
        </form>
      ))}
    </>
  )
}
