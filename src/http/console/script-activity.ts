// Console script, Activity tab: reads per minute over the last hour, and the entries (every SCIM
// change and error) newest first, with their request ids for support.

export const ACTIVITY_JS = `
const ENTRY_COLUMNS = ['When', 'Identity provider', 'Token', 'Operation', 'Resource', 'Result', 'Time', 'Request id']
let entriesNext = null

async function loadReads() {
  const { reads } = await api('GET', orgPath('/activity/summary'))
  const total = reads.reduce((n, r) => n + r.count, 0)
  const minutes = new Set(reads.map((r) => r.minute)).size
  $('reads').textContent = total === 0
    ? 'No reads in the last hour.'
    : total + ' reads in ' + minutes + ' minute' + (minutes === 1 ? '' : 's') + ' (' + reads.map((r) => r.minute.slice(11, 16) + ' ' + r.count).join(', ') + ')'
}

async function loadEntries(more) {
  const params = new URLSearchParams({ limit: '50' })
  if ($('activity-kind').value) params.set('kind', $('activity-kind').value)
  if (more && entriesNext) params.set('after', entriesNext)
  const page = await api('GET', orgPath('/activity?' + params))
  if (!more) $('entries').replaceChildren()
  for (const e of page.data) {
    const result = el('span', { className: e.status >= 400 ? 'bad' : 'good' }, String(e.status) + (e.scimType ? ' ' + e.scimType : ''))
    const cells = [
      when(e.at),
      IDP_NAMES[e.idp] || e.idp,
      e.tokenLabel || e.tokenId,
      e.operation,
      e.resourceType ? e.resourceType + (e.resourceId ? ' ' + e.resourceId : '') : '—',
      result,
      e.durationMs + ' ms',
      el('code', {}, e.requestId),
    ]
    $('entries').append(row(ENTRY_COLUMNS, cells))
  }
  if (!more && page.data.length === 0) {
    $('entries').append(el('tr', {}, el('td', { colspan: 8 }, 'Nothing yet: changes and errors show here a second or two after they happen.')))
  }
  entriesNext = page.next
  $('entries-more').hidden = !page.next
}

loaders.activity = async () => {
  await Promise.all([loadReads(), loadEntries(false)])
}

document.addEventListener('DOMContentLoaded', () => {
  $('activity-filter').onsubmit = (event) => {
    event.preventDefault()
    run(() => Promise.all([loadReads(), loadEntries(false)]))
  }
  $('entries-more').onclick = () => run(() => loadEntries(true))
})
`
