// The org admin page: static HTML + one script, no framework, no inline code (strict CSP). It
// talks to /admin/v1 with the admin key the admin pastes; the key stays in this tab's memory.

export const ADMIN_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>scim-edge · organization admin</title>
<link rel="stylesheet" href="/admin/app.css">
<link rel="icon" href="data:,">
<script src="/admin/app.js" defer></script>
</head>
<body>
<header><h1>scim-edge</h1><span id="who"></span></header>
<main>
  <section id="login">
    <h2>Sign in</h2>
    <p>Paste your organization admin key (<code>scimadm_…</code>). It is kept in this tab only.</p>
    <form id="login-form"><input id="key" type="password" autocomplete="off" placeholder="scimadm_…" required>
    <button>Open</button></form>
    <p class="error" id="login-error" role="alert"></p>
  </section>
  <section id="org" hidden>
    <h2>SCIM connection</h2>
    <p>Base URL for Okta, Entra and other IdPs: <code id="base-url"></code></p>
    <div id="secret" class="secret" hidden role="status">
      <p><strong>New token — copy it now, it will not be shown again:</strong></p>
      <code id="secret-value"></code> <button id="copy" type="button">Copy</button>
    </div>
    <h2>Tokens</h2>
    <form id="create-form" class="row">
      <input id="label" placeholder="Label, e.g. Okta production" required maxlength="200">
      <label>Expires <input id="expires" type="date"></label>
      <button>Create token</button>
    </form>
    <table><thead><tr><th>Label</th><th>Prefix</th><th>Created</th><th>Last used</th><th>Expires</th><th>Status</th><th></th></tr></thead>
    <tbody id="tokens"></tbody></table>
    <h2>Settings</h2>
    <form id="settings-form" class="grid">
      <label>Default team id <input id="defaultTeamId" placeholder="none"></label>
      <label>Group policy <select id="groupPolicy"><option value="full">full — IdPs create and delete teams</option>
        <option value="link-only">link-only — IdPs link to teams made here</option></select></label>
      <label>Role extension URN <input id="roleSchema" required></label>
      <label>Role values (comma-separated) <input id="roleValues" required></label>
      <label>Reads per second <input id="readsPerSecond" type="number" min="1"></label>
      <label>Writes per second <input id="writesPerSecond" type="number" min="1"></label>
      <button>Save settings</button>
    </form>
    <p class="error" id="error" role="alert"></p>
  </section>
</main>
</body>
</html>`

export const ADMIN_PAGE_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 24px;background:#1d2330;color:#fff}
header h1{font-size:18px;margin:0}main{max-width:980px;margin:24px auto;padding:0 16px}
section{background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 3px #0002}
table{width:100%;border-collapse:collapse;margin:8px 0 16px}th,td{text-align:left;padding:6px;border-bottom:1px solid #e3e6eb;font-size:14px}
input,select,button{font:inherit;padding:6px 8px}button{cursor:pointer}.row{display:flex;gap:8px;align-items:center;flex-wrap:wrap}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px}.grid label{display:flex;flex-direction:column}
.secret{background:#fff8e1;border:1px solid #f0c36d;padding:8px 12px;border-radius:6px}.error{color:#b00020}
code{word-break:break-all}.revoked{color:#888}`
