// The console's one HTML document: landmarks, headings and empty containers; the script fills
// them with text (never HTML) from the admin API. No inline script or style (strict CSP).

export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCIM provisioning · scim-edge</title>
<link rel="stylesheet" href="/admin/app.css">
<link rel="icon" href="data:,">
<script src="/admin/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand">scim-edge <span>SCIM provisioning</span></p>
  <p id="who" class="who" hidden><span id="org-name"></span>
    <button id="sign-out" type="button" class="link">Sign out</button></p>
</header>
<nav id="tabs" class="tabs" aria-label="Console sections" hidden>
  <button type="button" data-tab="overview" aria-current="page">Overview</button>
  <button type="button" data-tab="directory">Directory</button>
  <button type="button" data-tab="activity">Activity</button>
  <button type="button" data-tab="setup">Set up your IdP</button>
  <button type="button" data-tab="settings">Settings</button>
</nav>
<main id="main" tabindex="-1">
  <p id="notice" class="notice" role="status" aria-live="polite"></p>
  <p id="error" class="error" role="alert"></p>

  <section id="login" aria-labelledby="login-title">
    <h1 id="login-title">Sign in</h1>
    <p>Opened from your app's settings? The link signs you in by itself. Otherwise paste your
    organization admin key; it stays in this tab only.</p>
    <form id="login-form" class="stack">
      <label for="key">Organization admin key</label>
      <input id="key" type="password" autocomplete="off" placeholder="scimadm_…" required>
      <button type="submit">Open</button>
    </form>
  </section>

  <section id="overview" data-panel hidden aria-labelledby="overview-title">
    <h1 id="overview-title">Is provisioning working?</h1>
    <div class="card">
      <h2>Connection</h2>
      <p>Give your identity provider this base URL and a SCIM token.</p>
      <p class="copyline"><code id="base-url"></code> <button type="button" class="copy" data-copy-from="base-url">Copy</button></p>
    </div>
    <div class="card">
      <h2>Identity providers</h2>
      <ul id="health" class="health"></ul>
    </div>
    <div class="card">
      <h2>Tokens</h2>
      <div id="secret" class="secret" role="status" hidden>
        <p><strong>New token — copy it now, it will not be shown again:</strong></p>
        <p class="copyline"><code id="secret-value"></code> <button type="button" class="copy" data-copy-from="secret-value">Copy</button></p>
      </div>
      <form id="create-form" class="row">
        <label>Label <input id="label" name="label" required maxlength="200" placeholder="e.g. Okta production"></label>
        <label>Expires <input id="expires" type="date"></label>
        <button type="submit">Create token</button>
      </form>
      <table class="list"><caption class="sr">SCIM tokens</caption>
        <thead><tr><th scope="col">Label</th><th scope="col">Prefix</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="sr">Actions</span></th></tr></thead>
        <tbody id="tokens"></tbody></table>
    </div>
    <div class="card">
      <h2>OAuth clients</h2>
      <p>Clients that sign in with a key pair instead of a long-lived token: OAuth 2.0 client credentials, authenticated by a JWT signed with one of the client's keys (private_key_jwt). Token endpoint:</p>
      <p class="copyline"><code id="token-endpoint"></code> <button type="button" class="copy" data-copy-from="token-endpoint">Copy</button></p>
      <form id="client-form" class="stack">
        <label for="client-name">Client name</label>
        <input id="client-name" required maxlength="200" placeholder="e.g. Acme IdP">
        <label for="client-keys">Public keys: a JWKS URI, or the JWK Set itself</label>
        <textarea id="client-keys" rows="4" required spellcheck="false" placeholder='https://idp.example.com/jwks.json or {"keys":[…]}'></textarea>
        <button type="submit">Register client</button>
      </form>
      <table class="list"><caption class="sr">OAuth clients</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Client ID</th><th scope="col">Keys</th><th scope="col">Created</th><th scope="col"><span class="sr">Actions</span></th></tr></thead>
        <tbody id="oauth-clients"></tbody></table>
    </div>
  </section>

  <section id="directory" data-panel hidden aria-labelledby="directory-title">
    <h1 id="directory-title">Directory</h1>
    <div class="card">
      <h2>Users</h2>
      <form id="user-filter" class="row">
        <label>Search <input id="user-q" type="search" placeholder="name or email"></label>
        <label>Status <select id="user-active"><option value="">All</option><option value="true">Active</option><option value="false">Deactivated</option></select></label>
        <label>Role <select id="user-role"><option value="">Any</option></select></label>
        <label>Team <select id="user-team"><option value="">Any</option></select></label>
        <button type="submit">Filter</button>
      </form>
      <table class="list"><caption class="sr">Users</caption>
        <thead><tr><th scope="col">User</th><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Teams</th><th scope="col">Status</th></tr></thead>
        <tbody id="users"></tbody></table>
      <button type="button" id="users-more" hidden>Load more users</button>
    </div>
    <div class="card">
      <h2>Teams</h2>
      <table class="list"><caption class="sr">Teams</caption>
        <thead><tr><th scope="col">Team</th><th scope="col">Source</th><th scope="col">Members</th><th scope="col">Updated</th></tr></thead>
        <tbody id="teams"></tbody></table>
      <button type="button" id="teams-more" hidden>Load more teams</button>
    </div>
  </section>

  <section id="activity" data-panel hidden aria-labelledby="activity-title">
    <h1 id="activity-title">Provisioning activity</h1>
    <p>Every change an identity provider made and every request that failed, newest first. Reads are counted per minute.</p>
    <div class="card">
      <h2>Reads in the last hour</h2>
      <p id="reads"></p>
    </div>
    <div class="card">
      <form id="activity-filter" class="row">
        <label>Show <select id="activity-kind"><option value="">Changes and errors</option><option value="error">Errors only</option><option value="write">Changes only</option></select></label>
        <button type="submit">Refresh</button>
      </form>
      <table class="list"><caption class="sr">Activity</caption>
        <thead><tr><th scope="col">When</th><th scope="col">Identity provider</th><th scope="col">Token</th><th scope="col">Operation</th><th scope="col">Resource</th><th scope="col">Result</th><th scope="col">Time</th><th scope="col">Request id</th></tr></thead>
        <tbody id="entries"></tbody></table>
      <button type="button" id="entries-more" hidden>Load older</button>
    </div>
  </section>

  <section id="setup" data-panel hidden aria-labelledby="setup-title">
    <h1 id="setup-title">Set up your identity provider</h1>
    <p>Pick your identity provider: the steps below carry this organization's own values.</p>
    <div id="guide-picker" class="row" role="group" aria-label="Identity provider"></div>
    <div id="guide" class="card"></div>
  </section>

  <section id="settings" data-panel hidden aria-labelledby="settings-title">
    <h1 id="settings-title">Settings</h1>
    <form id="settings-form" class="card stack">
      <label for="defaultTeamId">Default team</label>
      <select id="defaultTeamId"><option value="">None</option></select>
      <p class="hint">Every user an identity provider creates joins this team.</p>
      <label for="groupPolicy">Group policy</label>
      <select id="groupPolicy"><option value="full">Full: identity providers create, rename and delete teams</option>
        <option value="link-only">Link only: identity providers link groups to teams made in the app</option></select>
      <p class="hint" id="policy-hint"></p>
      <label for="profile">SCIM profile</label>
      <select id="profile"><option value="lenient">Lenient: accept the quirks of Okta, Entra and other identity providers</option>
        <option value="interop">Interop: read requests strictly by the SCIM interop profile</option></select>
      <p class="hint">Okta and Microsoft Entra ID need Lenient.</p>
      <label for="roleSchema">Role extension URN</label>
      <input id="roleSchema" required>
      <label for="roleValues">Role values (comma-separated)</label>
      <input id="roleValues" required>
      <label for="readsPerSecond">Reads per second</label>
      <input id="readsPerSecond" type="number" min="1">
      <label for="writesPerSecond">Writes per second</label>
      <input id="writesPerSecond" type="number" min="1">
      <label for="eventRetentionDays">Keep events for (days)</label>
      <input id="eventRetentionDays" type="number" min="1" max="3650">
      <button type="submit">Save settings</button>
    </form>
    <form id="roles-form" class="card stack" aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      <p class="hint">What users may be granted and the names your identity provider shows for them
        (Okta Identity Governance reads them at /Roles). The values are the role values above.</p>
      <table class="list"><caption class="sr">Roles</caption>
        <thead><tr><th>Value</th><th>Display name</th><th>Description</th><th></th></tr></thead>
        <tbody id="role-rows"></tbody></table>
      <div class="row"><button type="button" class="secondary" id="role-add">Add role</button>
        <button type="submit">Save roles</button></div>
    </form>
    <form id="entitlements-form" class="card stack" aria-labelledby="entitlements-title">
      <h2 id="entitlements-title">Entitlements</h2>
      <p class="hint">Each type (licences, permission sets…) is its own SCIM endpoint, /<em>type</em>;
        a user's entitlements must be values of a type.</p>
      <label for="entitlement-type">Type</label>
      <select id="entitlement-type"></select>
      <label for="entitlement-new-type" id="entitlement-new-label">Name of the new type (letters and digits)</label>
      <input id="entitlement-new-type" pattern="[A-Za-z][A-Za-z0-9]*">
      <table class="list"><caption class="sr">Values of the type</caption>
        <thead><tr><th>Value</th><th>Display name</th><th>Description</th><th></th></tr></thead>
        <tbody id="entitlement-rows"></tbody></table>
      <div class="row"><button type="button" class="secondary" id="entitlement-add">Add value</button>
        <button type="submit">Save type</button>
        <button type="button" class="danger" id="entitlement-delete">Delete type</button></div>
    </form>
  </section>
</main>

<dialog id="rotate-dialog" aria-labelledby="rotate-title">
  <form method="dialog" id="rotate-form" class="stack">
    <h2 id="rotate-title">Rotate token</h2>
    <p id="rotate-what"></p>
    <label for="rotate-overlap">Keep the old token working for</label>
    <select id="rotate-overlap">
      <option value="0">No time: stop it now</option>
      <option value="3600">1 hour</option>
      <option value="86400" selected>24 hours</option>
      <option value="604800">7 days</option>
    </select>
    <p class="row"><button type="submit" value="rotate">Rotate</button> <button type="submit" value="cancel" class="secondary" formnovalidate>Cancel</button></p>
  </form>
</dialog>

<dialog id="confirm-dialog" aria-labelledby="confirm-title">
  <form method="dialog" class="stack">
    <h2 id="confirm-title">Are you sure?</h2>
    <p id="confirm-text"></p>
    <p class="row"><button type="submit" value="yes" class="danger" id="confirm-yes">Confirm</button> <button type="submit" value="cancel" class="secondary">Cancel</button></p>
  </form>
</dialog>

<dialog id="detail-dialog" aria-labelledby="detail-title">
  <form method="dialog" class="stack">
    <h2 id="detail-title"></h2>
    <dl id="detail-fields" class="fields"></dl>
    <h3 id="detail-list-title"></h3>
    <ul id="detail-list" class="plain"></ul>
    <p><button type="submit" value="close" class="secondary">Close</button></p>
  </form>
</dialog>
</body>
</html>`
