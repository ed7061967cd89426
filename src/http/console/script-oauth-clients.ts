// Console script, Overview tab: the org's OAuth clients — register one with a JWKS URI or an
// inline JWK Set (the server checks the keys), list them with their keys, delete one (its access
// tokens stop working at once).

export const OAUTH_CLIENTS_JS = `
const CLIENT_COLUMNS = ['Name', 'Client ID', 'Keys', 'Created', '']

const clientKeys = (c) => c.jwksUri || (c.keys || []).map((k) => (k.kid || k.kty) + (k.alg ? ' (' + k.alg + ')' : '')).join(', ')

async function loadClients() {
  const { data } = await api('GET', orgPath('/oauth-clients'))
  const body = $('oauth-clients')
  body.replaceChildren()
  for (const c of data) {
    const remove = el('button', { type: 'button', className: 'small danger', onclick: () => run(() => deleteClient(c)) }, 'Delete')
    body.append(row(CLIENT_COLUMNS, [c.name, el('code', {}, c.clientId), clientKeys(c), when(c.createdAt), remove]))
  }
}

/** The keys field: an https URL, or a JWK Set as JSON. */
function keysBody(text) {
  if (!text.startsWith('{')) return { jwksUri: text }
  try {
    return { jwks: JSON.parse(text) }
  } catch (e) {
    throw new Error('The JWK Set is not valid JSON.')
  }
}

async function deleteClient(c) {
  const sure = await confirmAction('Delete OAuth client', 'Delete "' + c.name + '"? Its access tokens stop working from their next request.', 'Delete')
  if (!sure) return
  await api('DELETE', orgPath('/oauth-clients/' + encodeURIComponent(c.clientId)))
  notice('OAuth client "' + c.name + '" deleted.')
  await loadClients()
}

document.addEventListener('DOMContentLoaded', () => {
  $('token-endpoint').textContent = location.origin + '/oauth/token'
  $('client-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const name = $('client-name').value.trim()
      await api('POST', orgPath('/oauth-clients'), { name, ...keysBody($('client-keys').value.trim()) })
      $('client-name').value = ''
      $('client-keys').value = ''
      notice('OAuth client "' + name + '" registered.')
      await loadClients()
    })
  }
})
`
