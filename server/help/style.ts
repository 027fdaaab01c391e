/**
 * The help centre's only stylesheet, inline (no request, no bundle). It never varies, so the
 * Content-Security-Policy allows exactly it by hash instead of 'unsafe-inline'.
 */
import { createHash } from 'node:crypto';

export const HELP_CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--accent:#0f766e;--accent-ink:#fff;--bg:#f7f9fb;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,Vazirmatn,Tahoma,sans-serif}
a{color:#0b5f58;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #b45309;outline-offset:2px;border-radius:2px}
.skip{position:absolute;top:.5rem;inset-inline-start:.5rem;z-index:1;background:var(--ink);color:#fff;padding:.5rem 1rem;transform:translateY(-300%)}
.skip:focus{transform:none}
header{background:var(--accent);color:var(--accent-ink)}
.bar{max-width:48rem;margin:0 auto;padding:.75rem 1rem;display:flex;gap:1rem;align-items:center;justify-content:space-between;flex-wrap:wrap}
.bar a{color:var(--accent-ink)}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .25rem}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1rem}
label{flex-basis:100%;font-weight:600}
input[type=search]{flex:1 1 12rem;min-width:0;font:inherit;padding:.55rem .75rem;border:1px solid #7b8794;border-radius:.4rem;background:#fff;color:var(--ink)}
button{font:inherit;padding:.55rem 1.1rem;border:0;border-radius:.4rem;background:var(--accent);color:var(--accent-ink);cursor:pointer}
ul.answers{list-style:none;margin:0;padding:0;background:#fff;border:1px solid var(--line);border-radius:.5rem}
ul.answers li{padding:.65rem .9rem;border-top:1px solid var(--line)}
ul.answers li:first-child{border-top:0}
.excerpt{display:block;color:var(--muted);font-size:.92rem}
.topics{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0}
.topics a{display:inline-block;padding:.3rem .75rem;border:1px solid var(--line);border-radius:999px;background:#fff;text-decoration:none}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;padding:0;margin:0 0 .5rem;font-size:.92rem}
.crumbs li+li::before{content:"/";margin-inline-end:.4rem;color:var(--muted)}
article{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem 1.25rem}
.answer{overflow-wrap:anywhere}
.answer pre{overflow-x:auto;background:var(--bg);padding:.75rem}
.answer table{border-collapse:collapse}.answer td,.answer th{border:1px solid var(--line);padding:.3rem .5rem}
.note{color:var(--muted)}
footer{max-width:48rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.9rem}
`.trim();

/** The CSP source that allows exactly `HELP_CSS`. */
export const HELP_CSS_HASH = `'sha256-${createHash('sha256').update(HELP_CSS).digest('base64')}'`;
