// The console's stylesheet. Readable at 390 px (tables become stacked cards, long values wrap),
// visible focus, colours with at least 4.5:1 contrast on their backgrounds.

export const CONSOLE_CSS = `*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b2130;background:#f4f5f7}
a{color:#1d4ed8}code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere;background:#eef0f4;padding:2px 4px;border-radius:4px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{display:flex;flex-wrap:wrap;gap:8px;justify-content:space-between;align-items:center;padding:10px 20px;background:#1b2130;color:#fff}
.top p{margin:0}.brand{font-weight:600}.brand span{font-weight:400;color:#c9cfdb;margin-left:6px}
.who{display:flex;gap:12px;align-items:center;flex-wrap:wrap;overflow-wrap:anywhere}
.tabs{display:flex;flex-wrap:wrap;gap:4px;padding:8px 16px;background:#fff;border-bottom:1px solid #dde1e8}
.tabs button{background:none;border:0;border-bottom:3px solid transparent;border-radius:0;color:#1b2130;padding:8px 10px}
.tabs button[aria-current=page]{border-bottom-color:#1d4ed8;font-weight:600}
main{max-width:1040px;margin:0 auto;padding:16px}
main:focus{outline:none}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:17px;margin:0 0 8px}h3{font-size:15px;margin:12px 0 4px}
.card{background:#fff;border:1px solid #dde1e8;border-radius:8px;padding:16px;margin:0 0 16px;min-width:0}
input,select,textarea,button{font:inherit;padding:7px 10px;border-radius:6px;border:1px solid #8a93a6;max-width:100%}
input,select,textarea{background:#fff;color:#1b2130}
button{cursor:pointer;background:#1d4ed8;color:#fff;border-color:#1d4ed8}
button.secondary{background:#fff;color:#1b2130;border-color:#8a93a6}
button.danger{background:#b42318;border-color:#b42318}
button.link{background:none;border:0;color:#fff;text-decoration:underline;padding:0}
button.small{padding:3px 8px;font-size:13px}
button.link-dark{background:none;border:0;color:#1d4ed8;text-decoration:underline;padding:0;text-align:left;overflow-wrap:anywhere}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.row{display:flex;flex-wrap:wrap;gap:10px;align-items:flex-end}
.row label{display:flex;flex-direction:column;gap:2px;font-size:14px;min-width:0}
.stack{display:flex;flex-direction:column;gap:6px;align-items:flex-start}
.stack input,.stack select,.stack textarea{width:min(100%,520px)}
.hint{margin:0 0 8px;color:#4a5263;font-size:14px}
.copyline{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.secret{background:#fff8e1;border:1px solid #c98b00;padding:8px 12px;border-radius:6px;margin-bottom:12px}
.notice{color:#166534;font-weight:600;min-height:1.5em;margin:0}.error{color:#b42318;font-weight:600;margin:0}
.notice:empty,.error:empty{display:none}
table.list{width:100%;border-collapse:collapse;margin:8px 0}
table.list th,table.list td{text-align:left;padding:7px 6px;border-bottom:1px solid #e4e7ec;font-size:14px;vertical-align:top;overflow-wrap:anywhere}
table.list tbody tr.clickable{cursor:pointer}table.list tbody tr.clickable:hover{background:#f0f4ff}
.muted{color:#5b6373}.bad{color:#b42318;font-weight:600}.good{color:#166534;font-weight:600}
.health{list-style:none;padding:0;margin:0}.health li{padding:8px 0;border-bottom:1px solid #e4e7ec;overflow-wrap:anywhere}
.steps{padding-left:22px}.steps li{margin:0 0 10px}
.plain{list-style:none;padding:0}.plain li{padding:4px 0;border-bottom:1px solid #eef0f4;overflow-wrap:anywhere}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}dl.fields dt{color:#4a5263}dl.fields dd{margin:0;overflow-wrap:anywhere}
dialog{border:1px solid #8a93a6;border-radius:10px;padding:20px;max-width:min(640px,calc(100vw - 24px));width:100%}
dialog::backdrop{background:#1b213080}
@media (max-width:700px){
  main{padding:10px}.card{padding:12px}
  table.list,table.list tbody,table.list tr,table.list td{display:block;width:100%}
  table.list thead{display:none}
  table.list tr{border-bottom:1px solid #c9cfdb;padding:6px 0}
  table.list td{border:0;padding:2px 0}
  table.list td[data-label]::before{content:attr(data-label) ": ";color:#4a5263}
  dl.fields{grid-template-columns:1fr}
}`
