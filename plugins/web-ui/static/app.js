// The web UI: talks to the daemon through Transmission's RPC on the same
// server (the session id handshake included), and listens to the hook event
// stream. No framework, no build step.
'use strict';

const RPC = '/transmission/rpc';
const STATUS = { 0: 'stopped', 1: 'check queued', 2: 'checking', 3: 'queued', 4: 'downloading', 5: 'seed queued', 6: 'seeding' };
const FIELDS = ['id', 'name', 'hashString', 'percentDone', 'rateDownload', 'rateUpload', 'peersConnected', 'status', 'error', 'errorString'];
const MAX_EVENTS = 300;
let sessionId = '';

async function rpc(method, args = {}) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await fetch(RPC, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Transmission-Session-Id': sessionId },
      body: JSON.stringify({ method, arguments: args }),
    });
    if (response.status === 409) {
      sessionId = response.headers.get('X-Transmission-Session-Id') || '';
      continue;
    }
    if (!response.ok) throw new Error(`${method}: HTTP ${response.status}`);
    const answer = await response.json();
    if (answer.result !== 'success') throw new Error(answer.result);
    return answer.arguments;
  }
  throw new Error(`${method}: no session id`);
}

function rate(bytesPerSecond) {
  if (bytesPerSecond < 1000) return `${bytesPerSecond} B/s`;
  if (bytesPerSecond < 1e6) return `${(bytesPerSecond / 1e3).toFixed(1)} kB/s`;
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(label, action, id) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.dataset.action = action;
  b.dataset.id = String(id);
  return b;
}

function renderTorrents(torrents) {
  const body = document.querySelector('#torrents tbody');
  const rows = torrents.map((t) => {
    const tr = document.createElement('tr');
    tr.dataset.hash = t.hashString;
    tr.dataset.id = String(t.id);
    tr.append(cell(t.name, 'name'));
    const progress = document.createElement('td');
    const bar = document.createElement('progress');
    bar.max = 1;
    bar.value = t.percentDone;
    const percent = document.createElement('span');
    percent.className = 'percent';
    percent.textContent = ` ${(t.percentDone * 100).toFixed(1)}%`;
    progress.append(bar, percent);
    tr.append(progress, cell(rate(t.rateDownload ?? 0)), cell(rate(t.rateUpload ?? 0)), cell(String(t.peersConnected)));
    const state = t.error ? `error: ${t.errorString}` : STATUS[t.status] ?? String(t.status);
    tr.append(cell(state, 'state'));
    const actions = document.createElement('td');
    actions.append(t.status === 0 ? button('Resume', 'torrent-start', t.id) : button('Pause', 'torrent-stop', t.id), button('Remove', 'torrent-remove', t.id));
    tr.append(actions);
    return tr;
  });
  body.replaceChildren(...rows);
  document.getElementById('no-torrents').hidden = rows.length > 0;
}

async function refresh() {
  try {
    const { torrents } = await rpc('torrent-get', { fields: FIELDS });
    renderTorrents(torrents);
    const stats = await rpc('session-stats');
    document.getElementById('session').textContent = `${stats.torrentCount} torrent(s), ↓ ${rate(stats.downloadSpeed)} ↑ ${rate(stats.uploadSpeed)}`;
  } catch (err) {
    document.getElementById('session').textContent = `not connected: ${err.message}`;
  }
}

function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function add(event) {
  event.preventDefault();
  const output = document.getElementById('add-result');
  const file = document.getElementById('add-file').files[0];
  const magnet = document.getElementById('add-magnet').value.trim();
  const dir = document.getElementById('add-dir').value.trim();
  const args = { paused: document.getElementById('add-paused').checked };
  if (dir) args['download-dir'] = dir;
  try {
    if (file) args.metainfo = await readBase64(file);
    else if (magnet) args.filename = magnet;
    else throw new Error('choose a .torrent file or paste a magnet link');
    const answer = await rpc('torrent-add', args);
    const added = answer['torrent-added'] ?? answer['torrent-duplicate'];
    output.textContent = answer['torrent-added'] ? `added ${added.name}` : `already there: ${added.name}`;
    document.getElementById('add-form').reset();
    await refresh();
  } catch (err) {
    output.textContent = `not added: ${err.message}`;
  }
}

async function act(event) {
  const target = event.target.closest('button[data-action]');
  if (!target) return;
  const args = { ids: [Number(target.dataset.id)] };
  if (target.dataset.action === 'torrent-remove') args['delete-local-data'] = document.getElementById('delete-data').checked;
  try {
    await rpc(target.dataset.action, args);
  } catch (err) {
    document.getElementById('session').textContent = `${target.dataset.action} failed: ${err.message}`;
  }
  await refresh();
}

function shownSeverities() {
  return new Set([...document.querySelectorAll('#severity-filter input:checked')].map((i) => i.value));
}

function applyFilter() {
  const shown = shownSeverities();
  for (const li of document.querySelectorAll('#events li')) li.hidden = !shown.has(li.dataset.severity);
}

function listen() {
  const list = document.getElementById('events');
  const source = new EventSource('/transmission/web/events');
  source.addEventListener('hook', (message) => {
    const e = JSON.parse(message.data);
    const li = document.createElement('li');
    li.className = e.severity;
    li.dataset.severity = e.severity;
    li.dataset.event = e.event;
    li.textContent = `${new Date(e.time).toLocaleTimeString()} [${e.severity}] ${e.event}: ${e.message}`;
    li.hidden = !shownSeverities().has(e.severity);
    list.prepend(li);
    while (list.children.length > MAX_EVENTS) list.lastElementChild.remove();
  });
}

document.getElementById('add-form').addEventListener('submit', add);
document.querySelector('#torrents tbody').addEventListener('click', act);
document.getElementById('severity-filter').addEventListener('change', applyFilter);
listen();
refresh();
setInterval(refresh, 1000);
