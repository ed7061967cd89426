// The console script's core (plain browser JavaScript, served as part of /admin/app.js): calls to
// the admin API with an admin key (kept in this tab's memory) or a console session cookie (plus
// its CSRF token), sign-in by key or by portal link, tabs, dialogs, copy buttons, and text-only
// DOM helpers — nothing from the API is ever inserted as HTML.

export const CORE_JS = `'use strict'
const $ = (id) => document.getElementById(id)
const state = { key: '', csrf: '', orgId: '', via: '', settings: null, teams: [], loaded: {} }

async function api(method, path, body) {
  const headers = {}
  if (state.key) headers.Authorization = 'Bearer ' + state.key
  if (state.csrf && method !== 'GET') headers['X-CSRF-Token'] = state.csrf
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch('/admin/v1' + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = res.status === 204 ? {} : await res.json().catch(() => ({}))
  if (!res.ok) {
    const error = new Error(data.error ? data.error.message : 'HTTP ' + res.status)
    error.status = res.status
    throw error
  }
  return data
}

const orgPath = (path) => '/orgs/' + encodeURIComponent(state.orgId) + path

/** An element with text children only (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue
    if (name === 'onclick') node.addEventListener('click', value)
    else if (name === 'className') node.className = value
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

/** A table row whose cells carry their column's name (shown as a label on narrow screens). */
function row(labels, cells, attrs) {
  return el('tr', attrs, cells.map((cell, i) => el('td', { 'data-label': labels[i] || undefined }, cell)))
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : '—')
function ago(iso) {
  if (!iso) return 'never'
  const minutes = Math.round((Date.now() - Date.parse(iso)) / 60000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return minutes + ' min ago'
  const hours = Math.round(minutes / 60)
  return hours < 48 ? hours + ' h ago' : Math.round(hours / 24) + ' days ago'
}

let noticeTimer
function notice(text) {
  $('error').textContent = ''
  $('notice').textContent = text
  clearTimeout(noticeTimer)
  noticeTimer = setTimeout(() => ($('notice').textContent = ''), 6000)
}

async function run(action) {
  $('error').textContent = ''
  try {
    await action()
  } catch (e) {
    if (e.status === 401 && state.orgId) return signedOut('Your session has ended. Sign in again.')
    $('error').textContent = e.message
  }
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text)
    button.textContent = 'Copied'
  } catch (e) {
    button.textContent = 'Select and copy'
  }
  setTimeout(() => (button.textContent = 'Copy'), 2000)
}

/** Opens a dialog; resolves with the value of the button that closed it. */
function ask(dialog) {
  return new Promise((resolve) => {
    const form = dialog.querySelector('form')
    form.onsubmit = (event) => {
      event.preventDefault()
      dialog.close(event.submitter ? event.submitter.value : 'cancel')
    }
    dialog.onclose = () => resolve(dialog.returnValue)
    dialog.returnValue = ''
    dialog.showModal()
  })
}

async function confirmAction(title, text, yes) {
  $('confirm-title').textContent = title
  $('confirm-text').textContent = text
  $('confirm-yes').textContent = yes
  return (await ask($('confirm-dialog'))) === 'yes'
}

// Tabs: each loads its data the first time it is shown.
const loaders = {}
function show(tab) {
  for (const button of document.querySelectorAll('[data-tab]')) {
    if (button.dataset.tab === tab) button.setAttribute('aria-current', 'page')
    else button.removeAttribute('aria-current')
  }
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.id !== tab
  if (!state.loaded[tab] && loaders[tab]) {
    state.loaded[tab] = true
    run(loaders[tab])
  }
}

async function signedIn(me) {
  state.orgId = me.orgId
  state.via = me.via
  state.csrf = me.csrfToken || ''
  $('org-name').textContent = me.orgName + ' (' + me.orgId + ')'
  $('who').hidden = false
  $('login').hidden = true
  $('tabs').hidden = false
  state.settings = await api('GET', orgPath('/settings'))
  show('overview')
  $('main').focus()
}

function signedOut(message) {
  state.key = ''
  state.csrf = ''
  state.orgId = ''
  state.loaded = {}
  $('who').hidden = true
  $('tabs').hidden = true
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = true
  $('login').hidden = false
  $('error').textContent = message || ''
}

async function signInWithKey(key) {
  state.key = key
  const me = await api('GET', '/me')
  if (me.role !== 'org-admin') {
    state.key = ''
    throw new Error('Use an organization admin key (scimadm_…).')
  }
  await signedIn(me)
}

/** A portal link (#portal=…) is spent for a session cookie, then the hash is dropped. */
async function signInWithLink(token) {
  history.replaceState(null, '', location.pathname)
  await api('POST', '/portal-links/redeem', { token })
  await signedIn(await api('GET', '/me'))
}

async function signOut() {
  if (state.via === 'session') await api('DELETE', '/session')
  signedOut('')
  notice('Signed out.')
}

document.addEventListener('DOMContentLoaded', () => {
  $('base-url').textContent = location.origin + '/scim/v2'
  for (const button of document.querySelectorAll('[data-tab]')) button.onclick = () => show(button.dataset.tab)
  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-copy-from]')
    if (button) copy($(button.dataset.copyFrom).textContent, button)
  })
  $('login-form').onsubmit = (event) => {
    event.preventDefault()
    run(() => signInWithKey($('key').value.trim()))
  }
  $('sign-out').onclick = () => run(signOut)
  const link = /^#portal=(.+)$/.exec(location.hash)
  if (link) run(() => signInWithLink(link[1]))
  else if (document.body.hasAttribute('data-session')) {
    // A console session cookie from an earlier link may still be live.
    run(async () => {
      try {
        const me = await api('GET', '/me')
        if (me.role === 'org-admin') await signedIn(me)
      } catch (e) {}
    })
  }
})
`
