// DOM building for the dashboard: every element is made with createElement and every piece
// of data goes in as a text node or a property, never as markup (no innerHTML anywhere), so a
// benchmark named `<img src=x onerror=alert(1)>` is shown as those characters. Text and titles
// go through `visible`, so control and bidi characters in a name show as escapes.
import { commitUrl, shortSha, visible } from './model.js';

/** An element with properties, `dataset` entries, listeners (`on`) and text/node children. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'attrs') for (const [a, x] of Object.entries(v)) el.setAttribute(a, x);
    else if (k === 'textContent' || k === 'title') el[k] = visible(v);
    else el[k] = v;
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(visible(c)));
  }
  return el;
}

/** A commit as a link from the site's URL template, else its short sha as text. */
export function commitLink(template, sha) {
  const url = commitUrl(template, sha);
  const text = shortSha(sha);
  if (!url) return h('code', { title: sha ?? '' }, text || 'unknown commit');
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', title: sha }, h('code', {}, text));
}
