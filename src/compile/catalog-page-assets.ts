// The catalog page's style and script, inlined into catalog/index.html. Plain strings, not
// functions turned into text: a function's source depends on how it was compiled, and the page
// must be byte-identical wherever it is built. The script uses no template literals, so nothing
// here needs escaping. It builds every element with textContent: plan text is never markup.

export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --link: #0550ae; --accent: #0969da; --active: #1a7f37; --proposed: #7d4e00; --deprecated: #a40e26; --focus: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --soft: #161b22;
    --link: #79c0ff; --accent: #58a6ff; --active: #56d364; --proposed: #e3b341; --deprecated: #ff7b72; --focus: #79c0ff; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif; }
a { color: var(--link); text-underline-offset: 2px; }
a:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 4px; }
[tabindex="-1"]:focus { outline: none; }
code, pre, .name { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: .5rem; }
.top { display: flex; align-items: center; gap: 1.5rem; padding: .75rem 1.25rem; border-bottom: 1px solid var(--line); background: var(--soft); flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.top ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem; outline: none; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: .25rem 0 .75rem; word-break: break-word; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; list-style: none; padding: 0; margin: 0 0 1rem; color: var(--muted); }
.counts strong { color: var(--fg); font-size: 1.15rem; }
.filters { display: grid; grid-template-columns: 1fr auto auto; gap: .25rem .75rem; align-items: end; margin-bottom: .5rem; }
.filters label { font-size: .85rem; color: var(--muted); grid-row: 1; }
.filters input, .filters select { grid-row: 2; font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .45rem .6rem; min-width: 0; }
.matches { color: var(--muted); margin: .25rem 0 .75rem; font-size: .9rem; }
.events { list-style: none; margin: 0; padding: 0; border-top: 1px solid var(--line); }
.events li { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: baseline; gap: .1rem .75rem; padding: .5rem .25rem; border-bottom: 1px solid var(--line);
  content-visibility: auto; contain-intrinsic-size: auto 3.6rem; }
.events li:focus-within { background: var(--soft); }
.events .name { font-weight: 600; word-break: break-word; }
.events .status { justify-self: end; }
.events .meta { grid-column: 2; grid-row: 1; color: var(--muted); font-size: .875rem; }
.events .status { grid-column: 3; grid-row: 1; }
.events .desc { grid-column: 1 / -1; color: var(--fg); font-size: .95rem; }
.more { margin: .75rem 0; font: inherit; color: var(--link); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; cursor: pointer; }
.status { display: inline-block; font-size: .8rem; font-weight: 600; padding: 0 .5rem; border: 1px solid currentColor; border-radius: 999px; height: fit-content; }
.status-active { color: var(--active); } .status-proposed { color: var(--proposed); } .status-deprecated { color: var(--deprecated); }
.crumbs { margin-bottom: .5rem; font-size: .95rem; }
.banner { border: 1px solid var(--deprecated); border-left-width: 6px; border-radius: 6px; padding: .6rem .9rem; margin: .5rem 0 1rem; }
.banner.proposed { border-color: var(--proposed); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0 0 1rem; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.description { white-space: pre-line; max-width: 48rem; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: .925rem; }
th, td { text-align: left; vertical-align: top; padding: .5rem .75rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
tr:last-child td { border-bottom: 0; }
td.prop { white-space: nowrap; }
td.prop code { font-weight: 600; }
.rules { margin: 0; padding-left: 1.1rem; } .rules li { word-break: break-word; }
.muted { color: var(--muted); }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; overflow-x: auto; font-size: .9rem; }
.owners h2 { margin-top: 1.5rem; }
.owners ul { margin: 0; padding-left: 1.2rem; }
@media (max-width: 40rem) {
  main { padding: .75rem; }
  .filters { grid-template-columns: 1fr 1fr; }
  .filters label[for=q], .filters #q { grid-column: 1 / -1; }
  .filters label[for=q] { grid-row: 1; } .filters #q { grid-row: 2; }
  .filters label[for=owner], .filters label[for=status] { grid-row: 3; }
  .filters #owner, .filters #status { grid-row: 4; }
  /* A property table becomes one card per property: five columns do not fit a phone. */
  .table-wrap { border: 0; overflow: visible; }
  table, tbody, tr, td { display: block; }
  thead { display: none; }
  tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: .5rem; padding: .25rem 0; }
  td { border: 0; padding: .2rem .75rem; }
  td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
  td.prop { white-space: normal; }
  td:empty, td.none { display: none; }
  .rules { display: inline; padding: 0; list-style: none; } .rules li { display: inline; } .rules li + li::before { content: "; "; }
}
`;

export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var plan = JSON.parse(document.getElementById('plan').textContent);
  var TITLE = document.title;
  var events = plan.events, table = plan.rows;
  function rowsOf(x) { x.rows = x.rows.map(function (i) { return table[i]; }); }
  events.forEach(rowsOf);
  plan.properties.forEach(rowsOf);
  var byName = new Map(), props = new Map(), usedBy = new Map();
  events.forEach(function (e) { byName.set(e.name, e); });
  plan.properties.forEach(function (p) { props.set(p.name, p); usedBy.set(p.name, []); });
  events.forEach(function (e) {
    var seen = new Set();
    e.rows.forEach(function (r) { var ref = r[6]; if (ref && !seen.has(ref) && usedBy.has(ref)) { seen.add(ref); usedBy.get(ref).push(e.name); } });
  });
  // Rows as the page shows them: a row that refers to a shared property takes its definition,
  // and the shared property's nested rows follow it (see PageRow in catalog-page.ts).
  function expand(rows, shift, out, depth) {
    rows.forEach(function (r) {
      var ref = r[6], p = ref && props.get(ref), base = p ? p.rows[0] : r;
      out.push({ name: r[0], depth: r[1] + shift, required: (r[2] & 1) !== 0, nullable: ((r[2] | base[2]) & 2) !== 0, items: (r[2] & 4) !== 0,
        type: base[3], rules: base[4] || [], description: r[5] !== null ? r[5] : base[5], ref: ref });
      if (p && depth < 64) expand(p.rows.slice(1), r[1] + shift, out, depth + 1);
    });
    return out;
  }

  var overview = document.getElementById('overview'), detail = document.getElementById('detail');
  var q = document.getElementById('q'), ownerSel = document.getElementById('owner'), statusSel = document.getElementById('status');
  var matches = document.getElementById('matches');
  var list = document.getElementById('events'), results = document.getElementById('results'), more = document.getElementById('more');
  // The list holds the first events; the rest wait in a template, parsed but not laid out,
  // and join the list once the page is ready (see fill): laying out 10,000 entries before the
  // first paint took longer than everything else the page does at start together.
  var rest = document.getElementById('more-events');
  var items = Array.prototype.slice.call(list.children).concat(rest ? Array.prototype.slice.call(rest.content.children) : []);

  // Separators and case do not count: "Project Created", "project-created" and "projectcreated"
  // are one query. Each field is kept apart ("|"), so a match never spans two of them.
  // ASCII, most of any plan, takes the short way: normalising every description of a large plan
  // was a third of the page's start.
  var ASCII = /^[\\x00-\\x7f]*$/;
  function norm(s) {
    return ASCII.test(s) ? s.toLowerCase().replace(/[^a-z0-9]+/g, '') : s.toLowerCase().normalize('NFKD').replace(/[^\\p{L}\\p{N}]+/gu, '');
  }
  var names = events.map(function (e) { return norm(e.name); });
  var rowNames = new Map(); // a row shared by many events is normalised once
  function rowName(r) { var n = rowNames.get(r); if (n === undefined) { n = norm(r[0]); rowNames.set(r, n); } return n; }
  var hay = events.map(function (e) {
    return [norm(e.name), norm(e.description || ''), norm(e.owner || '')].concat(e.rows.map(rowName)).join('|');
  });
  // An abbreviation of a name ("projcreated" for project_created) is a near miss of it: the
  // query read as prefixes of the name's words, in order, some words skipped.
  var nameWords = events.map(function (e) {
    return e.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^\\p{L}\\p{N}]+/u).map(norm).filter(Boolean);
  });
  function abbreviates(qs, at, ws, w) {
    if (at === qs.length) return true;
    for (; w < ws.length; w++) {
      var word = ws[w], k = 0;
      while (k < word.length && at + k < qs.length && word.charCodeAt(k) === qs.charCodeAt(at + k)) k++;
      for (; k > 0; k--) if (abbreviates(qs, at + k, ws, w + 1)) return true;
    }
    return false;
  }
  // A match's rank puts the best first: the name itself, an abbreviation of it, then any text.
  function matcher(text) {
    var whole = norm(text);
    var terms = text.split(/\\s+/).map(norm).filter(Boolean);
    if (!whole) return null;
    return function (i) {
      if (names[i].indexOf(whole) !== -1) return 1;
      if (whole.length >= 3 && abbreviates(whole, 0, nameWords[i], 0)) return 2;
      var h = hay[i];
      if (h.indexOf(whole) !== -1) return 3;
      if (terms.length > 1 && terms.every(function (w) { return h.indexOf(w) !== -1; })) return 4;
      return 0;
    };
  }

  function plural(n, one, many) { return n.toLocaleString('en-US') + ' ' + (n === 1 ? one : many); }
  // With a query or a filter, the matches are copies of the full list's entries in a list of
  // their own, best first and at most LIMIT of them until asked for all: a keystroke touches a few hundred
  // elements, never the 10,000 of a large plan.
  var LIMIT = 200, limit = LIMIT;
  function filter() {
    var test = matcher(q.value), owner = ownerSel.value, status = statusSel.value;
    if (!test && !owner && !status) {
      list.hidden = false; results.hidden = true; more.hidden = true;
      results.replaceChildren();
      matches.textContent = plural(events.length, 'event', 'events');
      return;
    }
    var found = [];
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      if ((owner && e.owner !== owner) || (status && e.status !== status)) continue;
      var rank = test ? test(i) : 1;
      if (rank) found.push(rank * 1048576 + i); // rank first, then the list's order
    }
    found.sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var k = 0; k < found.length && k < limit; k++) frag.append(items[found[k] % 1048576].cloneNode(true));
    results.replaceChildren(frag);
    list.hidden = true; results.hidden = false;
    more.hidden = found.length <= limit;
    more.textContent = 'Show all ' + found.length.toLocaleString('en-US') + ' matches';
    matches.textContent = plural(found.length, 'event matches', 'events match') + ' of ' + events.length.toLocaleString('en-US');
  }
  more.addEventListener('click', function () { limit = Infinity; filter(); });
  function overviewHash() {
    var p = new URLSearchParams();
    if (q.value) p.set('q', q.value);
    if (ownerSel.value) p.set('owner', ownerSel.value);
    if (statusSel.value) p.set('status', statusSel.value);
    var s = p.toString();
    return s ? '#?' + s : '#';
  }
  function remember() { try { history.replaceState(null, '', overviewHash()); } catch (err) { /* a host that forbids it keeps the old URL */ } }
  function onFilter() { limit = LIMIT; filter(); remember(); }
  q.addEventListener('input', onFilter);
  ownerSel.addEventListener('change', onFilter);
  statusSel.addEventListener('change', onFilter);

  function el(tag, attrs) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { if (k === 'text') n.textContent = attrs[k]; else n.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) { var c = arguments[i]; if (c !== null && c !== undefined) n.append(c); }
    return n;
  }
  function link(hash, text, cls) { return el('a', cls ? { href: hash, class: cls } : { href: hash }, text); }
  function eventLink(name) { return link('#' + encodeURIComponent(name), el('code', null, name)); }
  function propLink(name) { return link('#property/' + encodeURIComponent(name), el('code', null, name)); }
  function status(s) { return el('span', { class: 'status status-' + s }, s); }
  function facts(pairs) {
    var dl = el('dl', { class: 'facts' });
    pairs.forEach(function (p) { if (p[1] !== null && p[1] !== undefined) dl.append(el('dt', null, p[0]), el('dd', null, p[1])); });
    return dl;
  }
  function typeText(r) {
    var t = r.type || 'any';
    return r.nullable ? t + ' or null' : t;
  }
  function propTable(rows, caption) {
    if (!rows.length) return el('p', { class: 'muted' }, 'No properties.');
    var body = el('tbody');
    rows.forEach(function (r) {
      var name = el('td', { class: 'prop', style: 'padding-left:' + (0.75 + r.depth * 1.25) + 'rem' }, el('code', null, r.name));
      if (r.ref) name.append(el('br'), el('span', { class: 'muted' }, 'shared: '), propLink(r.ref));
      var rules = r.rules.length ? el('ul', { class: 'rules' }) : el('span', { class: 'muted' }, '—');
      r.rules.forEach(function (w) { rules.append(el('li', null, w)); });
      body.append(el('tr', { 'data-property': r.name, 'data-depth': String(r.depth) },
        name,
        el('td', { 'data-label': 'Type' }, typeText(r)),
        el('td', { 'data-label': 'Required' }, r.items ? 'each item' : r.required ? 'required' : 'optional'),
        el('td', r.rules.length ? { 'data-label': 'Constraints' } : { class: 'none' }, rules),
        el('td', null, r.description || '')));
    });
    var head = el('tr');
    ['Property', 'Type', 'Required', 'Constraints', 'Description'].forEach(function (h) { head.append(el('th', { scope: 'col' }, h)); });
    return el('div', { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' }, el('table', null, el('caption', { class: 'vh' }, caption), el('thead', null, head), body));
  }

  function page(title, kind) {
    detail.replaceChildren(el('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, link('#', 'All events')));
    var h = el('h1', { tabindex: '-1' }, title);
    if (kind) h.setAttribute('data-kind', kind);
    detail.append(h);
    document.title = title + ' · ' + TITLE;
    return h;
  }
  function showEvent(e) {
    var h = page(e.name, 'event');
    detail.setAttribute('data-event', e.name);
    if (e.status === 'deprecated') {
      detail.append(el('div', { class: 'banner', role: 'note' }, 'This event is deprecated.',
        e.replacedBy ? el('span', null, ' Send ', eventLink(e.replacedBy), ' instead.') : ' Do not send it in new code.'));
    } else if (e.status === 'proposed') {
      detail.append(el('div', { class: 'banner proposed', role: 'note' }, 'Proposed: not sent by released code yet.'));
    }
    detail.append(facts([
      ['Owner', e.owner ? link('#?owner=' + encodeURIComponent(e.owner), e.owner) : el('span', { class: 'muted' }, 'none')],
      ['Status', status(e.status)],
      ['Version', String(e.version)],
      ['Defined in', el('code', null, e.source)],
    ]));
    detail.append(e.description ? el('p', { class: 'description' }, e.description) : el('p', { class: 'muted' }, 'No description.'));
    detail.append(el('h2', null, 'Properties'), propTable(expand(e.rows, 0, [], 0), 'Properties of ' + e.name));
    detail.append(el('h2', null, 'Sending it'), el('pre', null, el('code', { class: 'sample' }, e.sample)));
    return h;
  }
  function showProperty(p) {
    var h = page(p.name, 'property');
    var rows = expand(p.rows, 0, [], 0), r = rows[0];
    detail.append(facts([['Kind', 'shared property'], ['Type', typeText(r)], ['Defined in', el('code', null, p.source)]]));
    detail.append(r.description ? el('p', { class: 'description' }, r.description) : el('p', { class: 'muted' }, 'No description.'));
    detail.append(el('h2', null, 'Definition'), propTable(rows, 'Definition of ' + p.name));
    var users = usedBy.get(p.name);
    detail.append(el('h2', { id: 'where-used' }, 'Where used (' + users.length + ')'));
    var ul = el('ul', { class: 'where-used', 'aria-labelledby': 'where-used' });
    users.forEach(function (n) { ul.append(el('li', null, eventLink(n), ' ', status(byName.get(n).status))); });
    detail.append(users.length ? ul : el('p', { class: 'muted' }, 'No event uses it.'));
    return h;
  }
  function showOwners() {
    var h = page('Owners', 'owners');
    var groups = new Map();
    events.forEach(function (e) { var o = e.owner || ''; if (!groups.has(o)) groups.set(o, []); groups.get(o).push(e); });
    var wrap = el('div', { class: 'owners' });
    Array.from(groups.keys()).sort(function (a, b) { return a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0; }).forEach(function (o) {
      var list = groups.get(o), ul = el('ul');
      list.forEach(function (e) { ul.append(el('li', { 'data-event': e.name }, eventLink(e.name), ' ', status(e.status))); });
      wrap.append(el('section', { 'data-owner': o }, el('h2', null, o || 'No owner', ' ', el('span', { class: 'muted' }, '(' + list.length + ')')), ul));
    });
    detail.append(wrap);
    return h;
  }
  function notFound(name) {
    var h = page('Not found');
    detail.append(el('p', null, 'The plan has no event or shared property named ', el('code', null, name), '.'));
    return h;
  }

  var lastEvent = null, searchNext = false, routed = null;
  // Keys navigate with go(), which routes at once: hashchange comes later, and a key pressed in
  // between (or a test reading the page) must already see the new view. The event then finds
  // the view in place and does nothing.
  function go(hash) { location.hash = hash; route(); }
  function route() {
    if (location.hash === routed) return;
    routed = location.hash;
    var raw = location.hash.slice(1), name;
    if (raw === '' || raw.charAt(0) === '?') {
      var p = new URLSearchParams(raw.slice(1));
      q.value = p.get('q') || '';
      ownerSel.value = p.get('owner') || '';
      statusSel.value = p.get('status') || '';
      filter();
      detail.hidden = true; detail.removeAttribute('data-event'); overview.hidden = false;
      document.title = TITLE;
      var back = lastEvent && visibleLinks().filter(function (a) { return a.getAttribute('href') === '#' + encodeURIComponent(lastEvent); })[0];
      if (searchNext) { searchNext = false; q.focus(); q.select(); } else if (back) back.focus();
      return;
    }
    try { name = decodeURIComponent(raw); } catch (err) { name = raw; }
    var h;
    if (byName.has(name)) { h = showEvent(byName.get(name)); lastEvent = name; }
    else if (name.indexOf('property/') === 0 && props.has(name.slice(9))) h = showProperty(props.get(name.slice(9)));
    else if (name === 'owners') h = showOwners();
    else h = notFound(name);
    overview.hidden = true; detail.hidden = false;
    window.scrollTo(0, 0);
    h.focus({ preventScroll: true });
  }
  window.addEventListener('hashchange', route);

  function visibleLinks() {
    var from = results.hidden ? list.children : results.children, out = [];
    for (var i = 0; i < from.length; i++) out.push(from[i].firstChild);
    return out;
  }
  document.addEventListener('keydown', function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    var t = ev.target, typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
    if (ev.key === '/' && !typing) {
      ev.preventDefault();
      // From an event page, the search comes back first; the route then gives it the focus.
      if (!detail.hidden) { searchNext = true; go(overviewHash()); } else { q.focus(); q.select(); }
      return;
    }
    if (overview.hidden) return;
    if (t === q && ev.key === 'Enter') {
      var first = visibleLinks()[0];
      if (first) go(first.getAttribute('href'));
      return;
    }
    if (ev.key !== 'ArrowDown' && ev.key !== 'ArrowUp') return;
    if (typing && t !== q) return;
    var links = visibleLinks();
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = ev.key === 'ArrowDown' ? (at === -1 ? 0 : Math.min(at + 1, links.length - 1)) : at - 1;
    ev.preventDefault();
    if (next < 0) q.focus(); else { links[next].focus(); links[next].scrollIntoView({ block: 'nearest' }); }
  });
  // A few hundred entries a turn, so a key pressed meanwhile waits for one turn at most.
  function fill() {
    var left = rest.content.children;
    if (!left.length) { document.documentElement.setAttribute('data-complete', ''); return; }
    var frag = document.createDocumentFragment();
    for (var n = 0; n < 400 && left.length; n++) frag.append(left[0]);
    list.append(frag);
    setTimeout(fill, 0);
  }
  route();
  document.documentElement.setAttribute('data-ready', '');
  if (rest) setTimeout(fill, 0); else document.documentElement.setAttribute('data-complete', '');
})();
`;
