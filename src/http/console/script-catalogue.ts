// Console script, Settings tab: the role catalogue and the entitlement types (admin API
// …/roles and …/entitlements/{type}), each edited as rows of value, display name, description.

export const CATALOGUE_JS = `
const NEW_TYPE = ''

/** One editable catalogue row; its inputs are labelled for screen readers. */
function catalogueRow(tbody, entry, what) {
  const n = tbody.children.length + 1
  const input = (name, value, label) =>
    el('input', { 'data-field': name, value: value || '', 'aria-label': label + ' of ' + what + ' ' + n })
  const tr = row(['Value', 'Display name', 'Description', ''], [
    input('value', entry.value, 'Value'),
    input('displayName', entry.displayName, 'Display name'),
    input('description', entry.description, 'Description'),
    el('button', { type: 'button', className: 'secondary small', onclick: () => tr.remove() }, 'Remove'),
  ])
  tbody.append(tr)
}

function catalogueRows(tbody, entries, what) {
  tbody.replaceChildren()
  for (const entry of entries) catalogueRow(tbody, entry, what)
}

/** The rows as the admin API takes them; an empty description is none. */
function catalogueEntries(tbody) {
  return [...tbody.querySelectorAll('tr')].map((tr) => {
    const field = (name) => tr.querySelector('[data-field="' + name + '"]').value.trim()
    return { value: field('value'), displayName: field('displayName'), description: field('description') || null }
  })
}

async function loadRoles() {
  const { data } = await api('GET', orgPath('/roles'))
  catalogueRows($('role-rows'), data, 'role')
}

async function loadEntitlements(selected) {
  const { data } = await api('GET', orgPath('/entitlements'))
  state.entitlementTypes = data
  const choice = selected !== undefined ? selected : (data[0] ? data[0].type : NEW_TYPE)
  fillOptions($('entitlement-type'), data.map((t) => [t.type, t.type]), 'New type…')
  $('entitlement-type').value = choice
  showEntitlementType()
}

/** How the value rows are labelled: by their type, or as the new type's. */
const typeLabel = () => $('entitlement-type').value || 'the new type'

function showEntitlementType() {
  const type = $('entitlement-type').value
  const found = state.entitlementTypes.find((t) => t.type === type)
  $('entitlement-new-type').hidden = $('entitlement-new-label').hidden = !!found
  $('entitlement-delete').hidden = !found
  catalogueRows($('entitlement-rows'), found ? found.values : [], typeLabel())
}

// Part of the Settings tab: loaded with the settings (this part comes after script-settings).
const loadSettingsForm = loaders.settings
loaders.settings = () => Promise.all([loadSettingsForm(), loadRoles(), loadEntitlements()])

document.addEventListener('DOMContentLoaded', () => {
  $('role-add').onclick = () => catalogueRow($('role-rows'), {}, 'role')
  $('entitlement-add').onclick = () => catalogueRow($('entitlement-rows'), {}, typeLabel())
  $('entitlement-type').onchange = showEntitlementType
  $('roles-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const { data } = await api('PUT', orgPath('/roles'), catalogueEntries($('role-rows')))
      catalogueRows($('role-rows'), data, 'role')
      $('roleValues').value = data.map((e) => e.value).join(', ')
      notice('Roles saved: ' + data.map((e) => e.displayName).join(', ') + '.')
    })
  }
  $('entitlements-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const type = $('entitlement-type').value || $('entitlement-new-type').value.trim()
      const saved = await api('PUT', orgPath('/entitlements/' + encodeURIComponent(type)), catalogueEntries($('entitlement-rows')))
      $('entitlement-new-type').value = ''
      await loadEntitlements(saved.type)
      const n = saved.values.length
      notice('Entitlement type ' + saved.type + ' saved with ' + n + (n === 1 ? ' value.' : ' values.'))
    })
  }
  $('entitlement-delete').onclick = () =>
    run(async () => {
      const type = $('entitlement-type').value
      await api('DELETE', orgPath('/entitlements/' + encodeURIComponent(type)))
      await loadEntitlements()
      notice('Entitlement type ' + type + ' deleted.')
    })
})
`
