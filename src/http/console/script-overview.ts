// Console script, Overview tab: is each identity provider's token in use (activity summary), and
// the SCIM tokens — create (secret shown once), rotate with a chosen overlap, revoke.

export const OVERVIEW_JS = `
const IDP_NAMES = { okta: 'Okta', entra: 'Microsoft Entra ID', google: 'Google Workspace', onelogin: 'OneLogin', jumpcloud: 'JumpCloud', pingone: 'PingOne', rippling: 'Rippling', other: 'another client' }

async function loadHealth() {
  const { tokens } = await api('GET', orgPath('/activity/summary'))
  const list = $('health')
  list.replaceChildren()
  if (tokens.length === 0) {
    list.append(el('li', {}, 'No SCIM token yet: create one below, then set up your identity provider.'))
    return
  }
  for (const t of tokens) {
    const errors = t.errors24h > 0
      ? el('span', { className: 'bad' }, t.errors24h + ' error' + (t.errors24h === 1 ? '' : 's') + ' in the last 24 h')
      : el('span', { className: 'good' }, 'no errors in the last 24 h')
    const last = t.lastRequestAt
      ? 'last request ' + ago(t.lastRequestAt) + ' from ' + (IDP_NAMES[t.lastIdp] || t.lastIdp)
      : 'no request yet'
    list.append(el('li', {}, el('strong', {}, t.tokenLabel || t.tokenId), ': ', last, ' · ', t.requests24h + ' requests, ', errors))
  }
}

function tokenStatus(t) {
  if (t.revokedAt) return 'revoked'
  if (t.expiresAt && new Date(t.expiresAt) <= new Date()) return 'expired'
  return t.replacedBy ? 'rotating out' : 'active'
}

const TOKEN_COLUMNS = ['Label', 'Prefix', 'Created', 'Last used', 'Expires', 'Status', '']

async function loadTokens() {
  const { tokens } = await api('GET', orgPath('/tokens'))
  const body = $('tokens')
  body.replaceChildren()
  for (const t of tokens) {
    const status = tokenStatus(t)
    const live = status === 'active' || status === 'rotating out'
    const actions = live
      ? [
          el('button', { type: 'button', className: 'small', onclick: () => run(() => rotate(t)) }, 'Rotate'),
          ' ',
          el('button', { type: 'button', className: 'small danger', onclick: () => run(() => revoke(t)) }, 'Revoke'),
        ]
      : []
    const cells = [t.label, t.prefix + '…', when(t.createdAt), when(t.lastUsedAt), when(t.expiresAt), status, actions]
    body.append(row(TOKEN_COLUMNS, cells, { className: live ? '' : 'muted' }))
  }
}

function showSecret(secret) {
  $('secret-value').textContent = secret
  $('secret').hidden = false
  $('secret').scrollIntoView({ block: 'nearest' })
}

async function rotate(t) {
  $('rotate-what').textContent = 'A new token replaces "' + t.label + '". Put the new one in your identity provider before the old one stops.'
  if ((await ask($('rotate-dialog'))) !== 'rotate') return
  const overlapSeconds = Number($('rotate-overlap').value)
  const minted = await api('POST', orgPath('/tokens/' + t.id + '/rotate'), { overlapSeconds })
  showSecret(minted.secret)
  notice('Token rotated.')
  await loadTokens()
}

async function revoke(t) {
  const sure = await confirmAction('Revoke token', 'Revoke "' + t.label + '"? Identity providers using it fail from their next request.', 'Revoke')
  if (!sure) return
  await api('DELETE', orgPath('/tokens/' + t.id))
  notice('Token "' + t.label + '" revoked.')
  await loadTokens()
}

loaders.overview = async () => {
  await Promise.all([loadTokens(), loadHealth(), loadClients()])
}

document.addEventListener('DOMContentLoaded', () => {
  $('create-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const expires = $('expires').value
      const minted = await api('POST', orgPath('/tokens'), {
        label: $('label').value.trim(),
        ...(expires ? { expiresAt: new Date(expires + 'T23:59:59Z').toISOString() } : {}),
      })
      showSecret(minted.secret)
      $('label').value = ''
      notice('Token created.')
      await Promise.all([loadTokens(), loadHealth()])
    })
  }
})
`
