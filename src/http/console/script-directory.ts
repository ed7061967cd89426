// Console script, Directory tab: users (search, status, role, team; a user's detail with its
// memberships and events) and teams (source, members), cursor-paged with "Load more".

export const DIRECTORY_JS = `
const USER_COLUMNS = ['User', 'Name', 'Email', 'Role', 'Teams', 'Status']
const TEAM_COLUMNS = ['Team', 'Source', 'Members', 'Updated']
const pages = { users: null, teams: null }

/** Every team of the org (the filters and the default-team picker choose among them). */
async function allTeams() {
  const teams = []
  let after = null
  do {
    const page = await api('GET', orgPath('/teams?limit=500' + (after ? '&after=' + encodeURIComponent(after) : '')))
    teams.push(...page.data)
    after = page.next
  } while (after && teams.length < 5000)
  state.teams = teams
  return teams
}

function fillOptions(select, items, first) {
  const current = select.value
  select.replaceChildren(el('option', { value: '' }, first), ...items.map(([value, text]) => el('option', { value }, text)))
  select.value = items.some(([value]) => value === current) ? current : ''
}

function userQuery() {
  const params = new URLSearchParams({ limit: '50' })
  const q = $('user-q').value.trim()
  if (q) params.set('q', q)
  for (const [id, name] of [['user-active', 'active'], ['user-role', 'role'], ['user-team', 'teamId']]) {
    if ($(id).value) params.set(name, $(id).value)
  }
  return params
}

async function loadUsers(more) {
  const params = userQuery()
  if (more && pages.users) params.set('after', pages.users)
  const page = await api('GET', orgPath('/users?' + params))
  if (!more) $('users').replaceChildren()
  for (const u of page.data) {
    const name = u.displayName || u.name.formatted || [u.name.givenName, u.name.familyName].filter(Boolean).join(' ')
    const cells = [
      el('button', { type: 'button', className: 'link-dark', onclick: () => run(() => showUser(u.id)) }, u.userName),
      name || '—',
      u.email || '—',
      u.role || '—',
      u.teams.map((t) => t.name).join(', ') || '—',
      u.active ? 'active' : 'deactivated',
    ]
    $('users').append(row(USER_COLUMNS, cells, { className: u.active ? '' : 'muted' }))
  }
  if (!more && page.data.length === 0) $('users').append(el('tr', {}, el('td', { colspan: 6 }, 'No users match.')))
  pages.users = page.next
  $('users-more').hidden = !page.next
}

async function loadTeams(more) {
  const after = more && pages.teams ? '&after=' + encodeURIComponent(pages.teams) : ''
  const page = await api('GET', orgPath('/teams?limit=50' + after))
  if (!more) $('teams').replaceChildren()
  for (const t of page.data) {
    const cells = [
      el('button', { type: 'button', className: 'link-dark', onclick: () => run(() => showTeam(t)) }, t.name),
      t.source === 'app' ? 'made in the app' : 'from the identity provider',
      String(t.memberCount),
      when(t.updatedAt),
    ]
    $('teams').append(row(TEAM_COLUMNS, cells))
  }
  if (!more && page.data.length === 0) $('teams').append(el('tr', {}, el('td', { colspan: 4 }, 'No teams yet.')))
  pages.teams = page.next
  $('teams-more').hidden = !page.next
}

function detail(title, fields, listTitle, items) {
  $('detail-title').textContent = title
  $('detail-fields').replaceChildren(...fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]))
  $('detail-list-title').textContent = listTitle
  $('detail-list').replaceChildren(...(items.length ? items : [el('li', { className: 'muted' }, 'None.')]))
  return ask($('detail-dialog'))
}

async function showUser(id) {
  const [u, events] = await Promise.all([
    api('GET', orgPath('/users/' + encodeURIComponent(id))),
    api('GET', orgPath('/events?limit=100&resourceId=' + encodeURIComponent(id))),
  ])
  const teams = u.teams.map((t) => t.name).join(', ') || 'none'
  await detail(u.userName, [
    ['Status', u.active ? 'active' : 'deactivated'],
    ['Name', u.displayName || u.name.formatted || '—'],
    ['Email', u.email || '—'],
    ['Role', u.role || '—'],
    ['Teams', teams],
    ['External id', u.externalId || '—'],
    ['Last change', when(u.updatedAt)],
    ['Created', when(u.createdAt)],
    ['Id', u.id],
  ], 'Events', events.data.slice().reverse().map((e) => el('li', {}, when(e.occurredAt) + ' · ' + e.type + ' · by ' + (e.actor.kind === 'scim' ? 'identity provider' : e.actor.kind))))
}

async function showTeam(t) {
  const members = await api('GET', orgPath('/teams/' + encodeURIComponent(t.id) + '/members?limit=200'))
  const items = members.data.map((m) => el('li', {}, m.userName + (m.role ? ' · ' + m.role : '') + ' · since ' + when(m.addedAt)))
  if (members.next) items.push(el('li', { className: 'muted' }, 'and more (the first 200 are shown).'))
  await detail(t.name, [
    ['Source', t.source === 'app' ? 'made in the app' : 'from the identity provider'],
    ['Members', String(t.memberCount)],
    ['External id', t.externalId || '—'],
    ['Created', when(t.createdAt)],
    ['Id', t.id],
  ], 'Members', items)
}

loaders.directory = async () => {
  const teams = await allTeams()
  fillOptions($('user-team'), teams.map((t) => [t.id, t.name]), 'Any')
  fillOptions($('user-role'), state.settings.roleValues.map((r) => [r, r]), 'Any')
  await Promise.all([loadUsers(false), loadTeams(false)])
}

document.addEventListener('DOMContentLoaded', () => {
  $('user-filter').onsubmit = (event) => {
    event.preventDefault()
    run(() => loadUsers(false))
  }
  $('users-more').onclick = () => run(() => loadUsers(true))
  $('teams-more').onclick = () => run(() => loadTeams(true))
})
`
