// Console script, Settings tab: the default team chosen from the org's teams, the group policy
// explained next to its control, the SCIM profile, role vocabulary, rates and event retention.

export const SETTINGS_JS = `
const POLICY_HINTS = {
  full: 'Groups pushed by your identity provider become teams here; renaming or deleting the group changes the team.',
  'link-only': 'Teams are created in the app; your identity provider links a group to the team with the same name and manages its members.',
}

function showPolicyHint() {
  $('policy-hint').textContent = POLICY_HINTS[$('groupPolicy').value] || ''
}

async function loadSettings() {
  const [s, teams] = await Promise.all([api('GET', orgPath('/settings')), allTeams()])
  state.settings = s
  fillOptions($('defaultTeamId'), teams.map((t) => [t.id, t.name]), 'None')
  $('defaultTeamId').value = s.defaultTeamId || ''
  $('groupPolicy').value = s.groupPolicy
  showPolicyHint()
  $('profile').value = s.profile
  $('roleSchema').value = s.roleSchema
  $('roleValues').value = s.roleValues.join(', ')
  $('readsPerSecond').value = s.readsPerSecond
  $('writesPerSecond').value = s.writesPerSecond
  $('eventRetentionDays').value = s.eventRetentionDays
}

loaders.settings = loadSettings

document.addEventListener('DOMContentLoaded', () => {
  $('groupPolicy').onchange = showPolicyHint
  $('settings-form').onsubmit = (event) => {
    event.preventDefault()
    run(async () => {
      const team = $('defaultTeamId')
      state.settings = await api('PATCH', orgPath('/settings'), {
        defaultTeamId: team.value || null,
        groupPolicy: $('groupPolicy').value,
        profile: $('profile').value,
        roleSchema: $('roleSchema').value.trim(),
        roleValues: $('roleValues').value.split(',').map((v) => v.trim()).filter(Boolean),
        readsPerSecond: Number($('readsPerSecond').value),
        writesPerSecond: Number($('writesPerSecond').value),
        eventRetentionDays: Number($('eventRetentionDays').value),
      })
      const teamName = team.value ? team.options[team.selectedIndex].textContent : 'none'
      notice('Settings saved. Default team: ' + teamName + '.')
    })
  }
})
`
