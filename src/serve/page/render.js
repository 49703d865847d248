// Builds the page's parts from the server's JSON; no state of its own.

import { word } from './words.js';

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const fix = (x, n = 1) => (Math.round(x * 10 ** n) / 10 ** n).toString();

// A member's card: name, role, unit, region, rank, expertise.
export function card(lang, st, p, h) {
  const areas = st.round.areas;
  const levels = p.levels
    .map((l, k) => (l > 0 ? el('span', { class: `lvl lvl${l}`, title: areas[k].key }, `${areas[k].label}${l}`) : null))
    .filter(Boolean);
  const role = p.group ? el('span', { class: p.leader ? 'role lead' : 'role' }, word(lang, p.leader ? 'leader' : 'member')) : null;
  const bad = st.violations.some((v) => v.person === p.id || (v.others || []).includes(p.id));
  return el(
    'li',
    {
      class: `card${p.leader ? ' leader' : ''}${bad ? ' broken' : ''}${p.locked ? ' is-locked' : ''}`,
      tabindex: 0,
      draggable: p.locked ? 'false' : 'true',
      'data-person': p.id,
      'aria-label': `${p.name} ${p.unit}`,
      onclick: () => h.select(p.id),
      onkeydown: (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          h.select(p.id);
        }
      },
      ondragstart: (e) => {
        e.dataTransfer.setData('text/plain', p.id);
        e.dataTransfer.effectAllowed = 'move';
      },
      ondragover: (e) => e.preventDefault(),
      ondrop: (e) => {
        e.preventDefault();
        e.stopPropagation();
        const who = e.dataTransfer.getData('text/plain');
        if (who && who !== p.id) h.swap(who, p.id);
      },
    },
    el('div', { class: 'card-head' }, el('b', {}, p.name), role, p.locked ? el('span', { class: 'lock-mark', title: word(lang, 'locked') }, '🔒') : null),
    el('div', { class: 'unit' }, p.unit),
    el(
      'div',
      { class: 'meta' },
      `${p.region} · ${p.rank_label} · ${p.age}${word(lang, 'age')}${p.female ? ` · ${word(lang, 'female')}` : ''}`,
      p.native ? ` · ${word(lang, 'native')} ${p.native}` : ''
    ),
    el('div', { class: 'levels' }, levels)
  );
}

function dropZone(attrs, h, group) {
  return {
    ...attrs,
    ondragover: (e) => {
      e.preventDefault();
      e.currentTarget.classList.add('over');
    },
    ondragleave: (e) => e.currentTarget.classList.remove('over'),
    ondrop: (e) => {
      e.preventDefault();
      e.currentTarget.classList.remove('over');
      const who = e.dataTransfer.getData('text/plain');
      if (who) h.move(who, group);
    },
  };
}

export function group(lang, st, g, h) {
  const s = g.summary;
  const n = g.members.length;
  const short = n < g.size[0] || n > g.size[1];
  const bad = st.violations.some((v) => v.group === g.id);
  const sums = s.expertise.map(([k, v]) => {
    const a = st.round.areas.find((x) => x.key === k);
    return el('span', { class: 'sum' }, `${a ? a.label : k} ${v}`);
  });
  return el(
    'section',
    dropZone({ class: `group${g.locked ? ' locked' : ''}${bad ? ' broken' : ''}`, 'data-group': g.id, 'aria-label': g.id }, h, g.id),
    el(
      'header',
      {},
      el('h2', {}, g.id, g.name ? ` ${g.name}` : ''),
      el(
        'button',
        { class: 'lock', 'data-lock-group': g.id, 'aria-pressed': g.locked ? 'true' : 'false', onclick: () => h.lockGroup(g.id, !g.locked) },
        g.locked ? `🔒 ${word(lang, 'unlock')}` : word(lang, 'lock')
      )
    ),
    el('div', { class: 'targets' }, `${word(lang, 'targets')}：${g.targets.map((t) => t.name).join('、')}`),
    el(
      'div',
      { class: 'stats' },
      el('span', { class: short ? 'bad' : '' }, `${word(lang, 'size')} ${n} (${g.size[0]}–${g.size[1]})`),
      el('span', {}, `${word(lang, 'meanRank')} ${fix(s.mean_rank, 2)}`),
      el('span', {}, `${word(lang, 'meanAge')} ${fix(s.mean_age)}`),
      el('span', {}, `${word(lang, 'women')} ${Math.round(s.share_women * 100)}%`)
    ),
    el('div', { class: 'sums' }, sums),
    el('ul', { class: 'members' }, g.members.map((p) => card(lang, st, p, h)))
  );
}

// People left out: a drop target, with a filter (a pool has hundreds).
export function leftOut(lang, st, h, filter = '') {
  const f = filter.trim().toLowerCase();
  const match = (p) => !f || [p.name, p.id, p.unit, p.region].some((x) => String(x).toLowerCase().includes(f));
  const shown = st.left_out.filter(match);
  const limit = 40;
  const list = el('ul', { class: 'members grid' }, shown.slice(0, limit).map((p) => card(lang, st, p, h)));
  const input = el('input', {
    id: 'out-filter',
    type: 'search',
    value: filter,
    placeholder: word(lang, 'filter'),
    'aria-label': word(lang, 'filter'),
    oninput: (e) => h.filterOut(e.target.value),
  });
  return el(
    'section',
    dropZone({ class: 'group out', 'data-group': '', 'aria-label': word(lang, 'leftOut') }, h, null),
    el('header', {}, el('h2', {}, word(lang, 'leftOut'), ` (${st.left_out.length})`), input),
    el('div', { class: 'targets' }, word(lang, 'leftOutHint')),
    list,
    shown.length > limit ? el('div', { class: 'targets' }, word(lang, 'more', { n: shown.length - limit })) : null
  );
}

export function scoreTable(lang, terms, total) {
  return el(
    'table',
    { class: 'score' },
    el('thead', {}, el('tr', {}, el('th', {}, word(lang, 'term')), el('th', {}, word(lang, 'value')), el('th', {}, word(lang, 'weight')), el('th', {}, word(lang, 'cost')))),
    el(
      'tbody',
      {},
      terms.map((t) => el('tr', {}, el('td', {}, t.label), el('td', {}, fix(t.value, 2)), el('td', {}, fix(t.weight, 2)), el('td', {}, fix(t.cost, 2)))),
      el('tr', { class: 'total' }, el('td', {}, word(lang, 'total')), el('td'), el('td'), el('td', {}, fix(total, 2)))
    )
  );
}

export function violations(lang, list, cls = 'violations') {
  return el(
    'ul',
    { class: cls },
    list.map((v) =>
      el('li', { class: 'violation', 'data-rule': v.rule }, el('b', {}, v.rule_label || v.rule), el('div', { class: 'why' }, v.message))
    )
  );
}
