// The admin page's script (served as /admin/app.js). Plain browser JavaScript in a string.

export const ADMIN_PAGE_JS = `'use strict'
const $ = (id) => document.getElementById(id)
let key = ''
let orgId = ''

async function api(method, path, body) {
  const res = await fetch('/admin/v1' + path, {
    method,
    headers: { Authorization: 'Bearer ' + key, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const data = res.status === 204 ? {} : await res.json()
  if (!res.ok) throw new Error(data.error ? data.error.message : 'HTTP ' + res.status)
  return data
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—')
function cell(row, text) {
  const td = document.createElement('td')
  td.textContent = text
  row.appendChild(td)
  return td
}

async function loadTokens() {
  const { tokens } = await api('GET', '/orgs/' + orgId + '/tokens')
  const body = $('tokens')
  body.replaceChildren()
  for (const t of tokens) {
    const row = document.createElement('tr')
    const expired = t.expiresAt && new Date(t.expiresAt) <= new Date()
    const status = t.revokedAt ? 'revoked' : expired ? 'expired' : t.replacedBy ? 'rotating out' : 'active'
    if (status === 'revoked' || status === 'expired') row.className = 'revoked'
    for (const text of [t.label, t.prefix + '…', when(t.createdAt), when(t.lastUsedAt), when(t.expiresAt), status]) cell(row, text)
    const actions = cell(row, '')
    if (status === 'active' || status === 'rotating out') {
      const rotate = document.createElement('button')
      rotate.textContent = 'Rotate'
      rotate.onclick = () => run(async () => {
        const hours = prompt('Keep the old token working for how many hours? (0 = stop it now)', '24')
        if (hours === null) return
        const minted = await api('POST', '/orgs/' + orgId + '/tokens/' + t.id + '/rotate', { overlapSeconds: Math.round(Number(hours) * 3600) })
        showSecret(minted.secret)
      })
      const revoke = document.createElement('button')
      revoke.textContent = 'Revoke'
      revoke.onclick = () => run(async () => {
        if (!confirm('Revoke "' + t.label + '"? IdPs using it fail from their next request.')) return
        await api('DELETE', '/orgs/' + orgId + '/tokens/' + t.id)
      })
      actions.append(rotate, ' ', revoke)
    }
    body.appendChild(row)
  }
}

async function loadSettings() {
  const s = await api('GET', '/orgs/' + orgId + '/settings')
  $('defaultTeamId').value = s.defaultTeamId || ''
  $('groupPolicy').value = s.groupPolicy
  $('roleSchema').value = s.roleSchema
  $('roleValues').value = s.roleValues.join(', ')
  $('readsPerSecond').value = s.readsPerSecond
  $('writesPerSecond').value = s.writesPerSecond
}

function showSecret(secret) {
  $('secret-value').textContent = secret
  $('secret').hidden = false
}

async function run(action) {
  $('error').textContent = ''
  try {
    await action()
    await loadTokens()
  } catch (e) {
    $('error').textContent = e.message
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('base-url').textContent = location.origin + '/scim/v2'
  $('login-form').onsubmit = async (event) => {
    event.preventDefault()
    key = $('key').value.trim()
    try {
      const me = await api('GET', '/me')
      if (!me.orgId) throw new Error('Use an organization admin key (scimadm_…).')
      orgId = me.orgId
      $('who').textContent = me.orgName + ' (' + orgId + ')'
      $('login').hidden = true
      $('org').hidden = false
      await loadSettings()
      await loadTokens()
    } catch (e) {
      $('login-error').textContent = e.message
    }
  }
  $('create-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const expires = $('expires').value
      const minted = await api('POST', '/orgs/' + orgId + '/tokens', {
        label: $('label').value,
        ...(expires ? { expiresAt: new Date(expires + 'T23:59:59Z').toISOString() } : {}),
      })
      showSecret(minted.secret)
      $('label').value = ''
    })
  }
  $('copy').onclick = () => navigator.clipboard.writeText($('secret-value').textContent)
  $('settings-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      await api('PATCH', '/orgs/' + orgId + '/settings', {
        defaultTeamId: $('defaultTeamId').value.trim() || null,
        groupPolicy: $('groupPolicy').value,
        roleSchema: $('roleSchema').value.trim(),
        roleValues: $('roleValues').value.split(',').map((v) => v.trim()).filter(Boolean),
        readsPerSecond: Number($('readsPerSecond').value),
        writesPerSecond: Number($('writesPerSecond').value),
      })
      await loadSettings()
    })
  }
})
`
