// Console script, "Set up your IdP" tab: the guides (guides.ts, inlined as data) with this
// org's values beside the steps that need them, each with a copy button.

export const SETUP_JS = `
function guideValue(name) {
  const s = state.settings
  switch (name) {
    case 'baseUrl': return location.origin + '/scim/v2'
    case 'roleUrn': return s.roleSchema
    case 'roleAttribute': return s.roleSchema + ':role'
    case 'roleValues': return s.roleValues.join(', ')
    case 'uniqueIdentifier': return 'userName'
    default: return null
  }
}

function renderGuide(guide) {
  for (const button of $('guide-picker').children) button.setAttribute('aria-pressed', String(button.dataset.idp === guide.idp))
  const steps = guide.steps.map((step) => {
    const item = el('li', {}, step.text)
    if (step.value === 'token') {
      item.append(el('p', { className: 'hint' }, 'Use a token from the Overview tab (Create token): it is shown once.'))
    } else if (step.value) {
      const value = guideValue(step.value)
      const code = el('code', {}, value)
      item.append(el('p', { className: 'copyline' }, code, ' ', el('button', { type: 'button', className: 'copy small', onclick: (e) => copy(value, e.currentTarget) }, 'Copy')))
    }
    return item
  })
  $('guide').replaceChildren(
    el('h2', {}, guide.title),
    el('ol', { className: 'steps' }, steps),
    ...(guide.notes || []).map((n) => el('p', { className: 'hint' }, n)),
    el('p', {}, el('a', { href: guide.docsUrl, target: '_blank', rel: 'noopener noreferrer' }, guide.title + ' documentation')),
  )
}

loaders.setup = async () => {
  $('guide-picker').replaceChildren(
    ...GUIDES.map((g) => el('button', { type: 'button', className: 'secondary', 'data-idp': g.idp, 'aria-pressed': 'false', onclick: () => renderGuide(g) }, g.title)),
  )
  renderGuide(GUIDES[0])
}
`
