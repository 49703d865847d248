// The review page: loads the round from the server, sends every change to
// it (the server checks it with the rules of `xuncha check`), and shows
// what it answers. Works with the mouse (drag and drop) and the keyboard
// (Tab, Enter, buttons).

import { word } from './words.js';
import { el, group, leftOut, scoreTable, violations } from './render.js';

let lang = localStorage.getItem('xuncha-lang') || 'zh';
let st = null; // the server's state
let selected = null; // the person in the side panel
let showDiff = false;
let busy = false; // a request of ours is under way
let outFilter = ''; // the left-out list's search

const $ = (id) => document.getElementById(id);
const w = (k, a) => word(lang, k, a);

async function call(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify({ ...body, lang, revision: st ? st.revision : undefined });
  }
  const r = await fetch(path, opts);
  let data = {};
  try {
    data = await r.json();
  } catch (e) {
    data = { message: r.statusText };
  }
  return { status: r.status, data };
}

function banner(text, kind = 'info') {
  const b = $('banner');
  b.replaceChildren(el('div', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text));
}

async function load() {
  const r = await call('GET', `/api/state?lang=${lang}`);
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  st = r.data;
  render();
  if (selected) await showPerson(selected, false);
  if (showDiff) await renderDiff();
  if (st.replan && st.replan.running) watchReplan();
}

function render() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = `${st.round.name} · ${w('title')}`;
  $('title').textContent = `${st.round.name}（${st.round.year}）`;
  $('subtitle').textContent = w('title');
  $('lang').textContent = w('switchLang');
  const status = $('status');
  status.className = st.valid ? 'ok' : 'invalid';
  status.textContent = st.valid ? w('valid') : w('invalid');
  $('undo').textContent = w('undo');
  $('undo').disabled = !st.can_undo;
  $('replan').textContent = w('replan');
  $('diff').textContent = showDiff ? w('hideDiff') : w('diff');
  $('changed').textContent = w('changed', { n: st.changed });
  $('save-label').textContent = w('saveTo');
  $('download-label').textContent = w('download');
  for (const b of document.querySelectorAll('[data-save], [data-download]')) b.toggleAttribute('disabled', !st.valid);
  $('hint').textContent = w('keyboardHint');
  const h = { select: (id) => showPerson(id, true), move, swap, lockGroup, filterOut };
  $('board').replaceChildren(...st.groups.map((g) => group(lang, st, g, h)), leftOut(lang, st, h, outFilter));
  const side = [el('h3', {}, w('score')), scoreTable(lang, st.score.terms, st.score.total)];
  if (st.violations.length) side.unshift(el('h3', { class: 'bad' }, w('rulesBroken')), violations(lang, st.violations));
  if (st.no_plan) side.unshift(el('h3', { class: 'bad' }, w('noPlan')), el('pre', { class: 'report' }, st.no_plan.message));
  $('summary').replaceChildren(...side);
  const foot = [w('autosave', { file: st.work_file })];
  if (st.restored) foot.unshift(w('restored', { time: new Date(st.restored * 1000).toLocaleString() }), ' ');
  $('footer').textContent = foot.join('');
}

// The answer to a change: applied, refused with the rules, or locked.
async function afterChange(r, body) {
  if (r.status !== 200) return banner(w('error') + (r.data.message || r.status), 'error');
  const d = r.data;
  if (d.locked) return banner(w('lockedMsg'), 'error');
  if (!d.applied) return refuse(d.violations, body);
  if (d.stale) banner(w('staleWrite'), 'warn');
  else if (d.valid === false) banner(w('appliedInvalid'), 'error');
  else banner(w('applied'));
  await load();
}

async function send(body) {
  if (busy) return;
  busy = true;
  try {
    await afterChange(await call('POST', '/api/move', body), body);
  } finally {
    busy = false;
  }
}

const move = (person, group, leader) => send({ person, group, leader });
const swap = (person, other) => send({ person, with: other });

function refuse(list, body) {
  const box = $('refusal');
  const cancel = el('button', { id: 'refusal-cancel', onclick: () => closeRefusal() }, w('cancel'));
  box.replaceChildren(
    el('h3', {}, w('refusal')),
    violations(lang, list),
    el(
      'div',
      { class: 'actions' },
      cancel,
      el('button', { id: 'refusal-insist', class: 'danger', onclick: () => (closeRefusal(), send({ ...body, insist: true })) }, w('insist'))
    )
  );
  box.hidden = false;
  cancel.focus();
}

function filterOut(text) {
  outFilter = text;
  const h = { select: (id) => showPerson(id, true), move, swap, lockGroup, filterOut };
  const old = document.querySelector('section.out');
  const fresh = leftOut(lang, st, h, outFilter);
  old.replaceWith(fresh);
  const input = fresh.querySelector('#out-filter');
  input.focus();
  input.setSelectionRange(text.length, text.length);
}

function closeRefusal() {
  $('refusal').hidden = true;
}

async function lockGroup(id, locked) {
  const r = await call('POST', '/api/lock', { group: id, locked });
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  await load();
}

async function lockPerson(id, locked) {
  const r = await call('POST', '/api/lock', { person: id, locked });
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  await load();
}

function cardOf(id) {
  for (const g of st.groups) for (const p of g.members) if (p.id === id) return p;
  return st.left_out.find((p) => p.id === id);
}

async function showPerson(id, focus) {
  selected = id;
  const r = await call('GET', `/api/person?id=${encodeURIComponent(id)}&lang=${lang}`);
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  const v = r.data;
  const c = v.card;
  const here = c.group;
  const moves = st.groups
    .filter((g) => g.id !== here)
    .map((g) => {
      const why = v.blocked[g.id];
      return el(
        'li',
        { class: why ? 'blocked' : 'allowed' },
        el('button', { 'data-move-to': g.id, onclick: () => move(id, g.id, false) }, `${w('moveTo')} ${g.id}`),
        c.leader_pool && !why ? el('button', { 'data-lead-to': g.id, onclick: () => move(id, g.id, true) }, w('asLeader').trim()) : null,
        why ? el('ul', { class: 'why-not' }, why.map((b) => el('li', {}, el('b', {}, b.rule_label || b.rule), ' ', b.message))) : null
      );
    });
  const panel = $('panel');
  panel.replaceChildren(
    el('header', {}, el('h3', {}, `${c.name}（${c.id}）`), el('button', { id: 'panel-close', onclick: () => ((selected = null), (panel.hidden = true)) }, w('close'))),
    el('div', { class: 'unit' }, `${c.unit} · ${c.region} · ${c.rank_label}`, c.group ? ` · ${c.group} ${w(c.leader ? 'leader' : 'member')}` : ` · ${w('out')}`),
    el(
      'div',
      { class: 'actions' },
      c.group ? el('button', { id: 'who-replace', onclick: () => showReplace(id) }, w('whoReplace')) : null,
      c.group ? el('button', { id: 'move-out', onclick: () => move(id, null, false) }, w('moveOut')) : null,
      el('button', { id: 'lock-person', onclick: () => lockPerson(id, !st_locked(id)) }, st_locked(id) ? w('unlockPerson') : w('lockPerson'))
    ),
    el('div', { id: 'replace-list' }),
    el('h4', {}, `${w('mayGo')}：${v.allowed.join('、') || '—'}`),
    el('h4', {}, w('moveTo')),
    el('ul', { class: 'moves' }, moves)
  );
  panel.hidden = false;
  if (focus) panel.querySelector('button').focus();
}

function st_locked(id) {
  const c = cardOf(id);
  return !!(c && c.locked && !st.groups.some((g) => g.locked && g.id === c.group));
}

async function showReplace(id) {
  const r = await call('GET', `/api/replace?person=${encodeURIComponent(id)}&top=8&lang=${lang}`);
  const box = $('replace-list');
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  const other = (c) => c.move.by || c.move.with;
  const item = (c, ok) =>
    el(
      'li',
      { class: ok ? 'candidate' : 'candidate refused' },
      el('span', { class: 'delta' }, (c.delta > 0 ? '+' : '') + (Math.round(c.delta * 100) / 100)),
      ' ',
      c.message,
      c.changes && c.changes.length
        ? el('span', { class: 'terms' }, ` (${c.changes.map((x) => `${x.label} ${x.change > 0 ? '+' : ''}${Math.round(x.change * 100) / 100}`).join('，')})`)
        : null,
      ok ? el('button', { class: 'apply-candidate', 'data-with': other(c), onclick: () => swap(id, other(c)) }, w('apply')) : el('div', { class: 'why' }, el('b', {}, c.refused.rule_label || c.refused.rule), ' ', c.refused.message)
    );
  box.replaceChildren(
    el('h4', {}, w('replaceTitle')),
    r.data.allowed.length ? el('ol', { class: 'candidates' }, r.data.allowed.map((c) => item(c, true))) : el('p', {}, w('noCandidates')),
    r.data.refused.length ? el('details', {}, el('summary', {}, w('refusedTitle')), el('ol', { class: 'candidates' }, r.data.refused.map((c) => item(c, false)))) : null
  );
  const first = box.querySelector('button');
  if (first) first.focus();
}

async function undo() {
  const r = await call('POST', '/api/undo', {});
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  banner(w('undone'));
  await load();
}

async function replan() {
  const r = await call('POST', '/api/replan', {});
  if (r.status !== 202) return banner(w('error') + r.data.message, 'error');
  watchReplan();
}

let watching = false;
async function watchReplan() {
  if (watching) return;
  watching = true;
  const box = $('progress');
  const bar = el('progress', { max: 1, value: 0 });
  const text = el('span', {}, w('replanning'));
  box.replaceChildren(text, bar, el('button', { id: 'replan-stop', onclick: () => call('POST', '/api/replan/cancel', {}) }, w('stop')));
  box.hidden = false;
  $('replan').disabled = true;
  for (;;) {
    const r = await call('GET', '/api/replan');
    const j = r.data;
    if (j.total) {
      bar.max = j.total;
      bar.value = Math.min(j.moves, j.total);
    }
    text.textContent = `${w('replanning')} ${j.moves || 0}${j.total ? ' / ' + j.total : ''} ${w('moves')}`;
    if (!j.running) {
      box.hidden = true;
      $('replan').disabled = false;
      watching = false;
      if (j.error) banner(w('replanFailed') + j.error, 'error');
      else banner(w('replanDone'));
      await load();
      return;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
}

async function save(format) {
  const r = await call('POST', '/api/save', { format });
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  banner(w('saved', { path: r.data.written }), 'ok');
}

async function renderDiff() {
  const box = $('diffbox');
  if (!showDiff) {
    box.hidden = true;
    return;
  }
  const r = await call('GET', `/api/diff?lang=${lang}`);
  if (r.status !== 200) return banner(w('error') + r.data.message, 'error');
  const d = r.data;
  const place = (p) => (p ? `${p.group} ${w(p.leader ? 'leader' : 'member')}` : w('out'));
  const terms = d.a.terms.map((t, i) => el('tr', {}, el('td', {}, t.label), el('td', {}, t.cost.toFixed(2)), el('td', {}, d.b.terms[i].cost.toFixed(2))));
  box.replaceChildren(
    el('h3', {}, w('diffTitle'), ` — ${w('changed', { n: d.changes.length })}`),
    el('ul', { class: 'changes' }, d.changes.map((c) => el('li', {}, el('b', {}, `${c.name}（${c.person}）`), ` ${place(c.from)} → ${place(c.to)}`))),
    el(
      'table',
      { class: 'score' },
      el('thead', {}, el('tr', {}, el('th', {}, w('term')), el('th', {}, w('start')), el('th', {}, w('now')))),
      el('tbody', {}, terms, el('tr', { class: 'total' }, el('td', {}, w('total')), el('td', {}, d.a.total.toFixed(2)), el('td', {}, d.b.total.toFixed(2))))
    )
  );
  box.hidden = false;
}

// Another tab's change: the newest plan is shown, and the page says so.
async function poll() {
  if (!st || busy || watching) return;
  const r = await call('GET', '/api/revision').catch(() => null);
  if (r && r.status === 200 && r.data.revision !== st.revision) {
    await load();
    banner(w('stale'), 'warn');
  }
}

function wire() {
  $('lang').onclick = () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('xuncha-lang', lang);
    load();
  };
  $('undo').onclick = undo;
  $('replan').onclick = replan;
  $('diff').onclick = () => {
    showDiff = !showDiff;
    render();
    renderDiff();
  };
  for (const b of document.querySelectorAll('[data-save]')) b.onclick = () => save(b.dataset.save);
  for (const b of document.querySelectorAll('[data-download]')) b.onclick = () => (window.location.href = `/api/download?format=${b.dataset.download}`);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      closeRefusal();
      $('panel').hidden = true;
      selected = null;
    }
  });
  setInterval(poll, 2000);
}

wire();
load();
