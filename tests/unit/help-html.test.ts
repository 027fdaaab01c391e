import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trusted } from '../../server/help/html.js';
import { ldScriptBody } from '../../server/help/json-ld.js';

describe('the help centre html template', () => {
  it('escapes text interpolated into content and attributes', () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;</p>',
    );
  });

  it('keeps nested templates and trusted markup as markup, and escapes each item of a list', () => {
    const items = ['<a>', 'b&c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}</ul>${trusted('<b>ok</b>')}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul><b>ok</b>');
  });

  it('drops null, undefined and false but prints 0', () => {
    expect(html`[${null}${undefined}${false}${0}]`.value).toBe('[0]');
  });

  it('escapes every character that could open a tag or end an attribute', () => {
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('JSON-LD inside a script element', () => {
  it('cannot be closed by a question containing </script>, and still parses to the same data', () => {
    const data = { name: '</script><script>alert(1)</script> & <!--' };
    const body = ldScriptBody(data).value;
    expect(body).not.toMatch(/[<>&]/);
    expect(JSON.parse(body)).toEqual(data);
  });
});
