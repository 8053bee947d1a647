// The page of `berth ui`: a registry browser over the server's REST API (/api/v1).
// No framework and no build step. Everything that comes from a registry (repository
// names, tags, labels, annotations, event fields) is hostile input: it only ever
// reaches the document as text (textContent, attribute values, form values),
// never as markup.
'use strict';

(function () {
  // ---------------------------------------------------------------- DOM helpers

  /** Builds an element: h('a', {href: '#', test: 'x', class: 'c'}, 'text', child...). */
  function h(tag, attrs) {
    const el = document.createElement(tag);
    const a = attrs || {};
    Object.keys(a).forEach(function (key) {
      const value = a[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'test') el.dataset.test = value;
      else if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else if (key === 'value' || key === 'checked' || key === 'disabled' || key === 'hidden' || key === 'selected') el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    });
    for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }

  function q(selector, root) { return (root || document).querySelector(selector); }
  function t(name, root) { return q('[data-test="' + name + '"]', root); }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function show(el, visible) { el.hidden = !visible; }

  function debounce(fn, ms) {
    let timer = null;
    return function () {
      const args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // ------------------------------------------------------------------ formats

  function formatBytes(n) {
    if (n === null || n === undefined || n === '') return '—';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = Number(n);
    let u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (u === 0 ? String(v) : v.toFixed(1)) + ' ' + units[u];
  }

  function bytesCell(n) {
    return h('span', {title: n === null || n === undefined ? null : Number(n).toLocaleString('en') + ' bytes'},
      formatBytes(n));
  }

  /** ISO-8601 as "YYYY-MM-DD HH:MM:SS UTC": the same on every machine, sortable by eye. */
  function formatTime(iso) {
    if (!iso) return '—';
    const d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso);
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC');
  }

  function shortDigest(digest) {
    if (!digest) return '—';
    const i = digest.indexOf(':');
    return i < 0 ? digest : digest.slice(0, i + 13);
  }

  function digestCell(digest) {
    return h('code', {class: 'digest', title: digest || null}, shortDigest(digest));
  }

  /** The referrers tag schema's tags (sha256-HEX: an index of a manifest's referrers, kept by the SDK). */
  function isReferrersTag(name) { return /^sha256-[0-9a-f]{64}$/.test(name || ''); }

  /** cosign's attachment tags (sha256-HEX.sig, .att, .sbom), by suffix. */
  const COSIGN_KINDS = {sig: 'cosign signature', att: 'cosign attestations', sbom: 'cosign SBOM'};
  function cosignKind(name) {
    const m = /^sha256-[0-9a-f]{64}\.(sig|att|sbom)$/.exec(name || '');
    return m ? COSIGN_KINDS[m[1]] : null;
  }

  /** A tag's name as shown: a referrers or cosign tag shortened, with what it is. */
  function tagLabel(name) {
    const cosign = cosignKind(name);
    if (cosign) {
      return [h('span', {title: name}, name.slice(0, 19) + '…' + name.slice(name.lastIndexOf('.'))), ' ',
        h('span', {class: 'badge', title: 'The ' + cosign + ' of sha256:' + name.slice(7, name.lastIndexOf('.'))}, cosign)];
    }
    if (!isReferrersTag(name)) return name;
    return [h('span', {title: name}, name.slice(0, 19) + '…'), ' ', h('span', {class: 'badge', title:
      'The referrers index of sha256:' + name.slice(7) + ' (for registries without the referrers API)'}, 'referrers index')];
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  // -------------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(method, path, body) {
    const options = {method: method, headers: {'Accept': 'application/json'}, credentials: 'same-origin'};
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'The Berth UI server did not answer (' + e.message + ').');
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const error = (data && data.error) || {};
      if (response.status === 401) {
        session.loggedIn = false;
        renderSession();
      }
      throw new ApiError(response.status, error.code || 'HTTP_' + response.status,
        error.message || ('The server answered ' + response.status + ' ' + response.statusText + '.'));
    }
    return data;
  }

  function enc(s) { return encodeURIComponent(s); }
  /** Repository names keep their slashes as path segments; each segment is encoded. */
  function encRepo(repo) { return repo.split('/').map(enc).join('/'); }
  function query(params) {
    const parts = [];
    Object.keys(params).forEach(function (k) {
      const v = params[k];
      if (v !== undefined && v !== null && v !== '') parts.push(enc(k) + '=' + enc(v));
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  const paths = {
    registries: '/api/v1/registries',
    registry: function (name) { return '/api/v1/registries/' + enc(name); },
    repositories: function (name) { return paths.registry(name) + '/repositories'; },
    tags: function (name, repo) { return paths.repositories(name) + '/' + encRepo(repo) + '/tags'; },
    tag: function (name, repo, tag) { return paths.tags(name, repo) + '/' + enc(tag); },
    events: function (name, repo) { return paths.repositories(name) + '/' + encRepo(repo) + '/events'; }
  };

  // ------------------------------------------------------------------ routes

  const routes = {
    registries: function () { return '#/registries'; },
    registry: function (name) { return '#/registries/' + enc(name); },
    repository: function (name, repo) { return routes.registry(name) + '/repositories/' + encRepo(repo); },
    tag: function (name, repo, tag) { return routes.repository(name, repo) + '/tags/' + enc(tag); }
  };

  function decode(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  /** The hash routes of UI-API.md; a repository ends at the last "/tags/" segment. */
  function parseRoute(hash) {
    const path = (hash || '').replace(/^#/, '');
    if (path === '' || path === '/' || path === '/registries') return {view: 'registries'};
    if (path === '/search') return {view: 'search'};
    if (path === '/audit') return {view: 'audit'};
    let m = path.match(/^\/registries\/([^/]+)\/?$/);
    if (m) return {view: 'repositories', registry: decode(m[1])};
    m = path.match(/^\/registries\/([^/]+)\/repositories\/(.+)$/);
    if (m) {
      const registry = decode(m[1]);
      const tagged = m[2].match(/^(.+)\/tags\/([^/]+)$/);
      if (tagged) return {view: 'detail', registry: registry, repository: decode(tagged[1]), tag: decode(tagged[2])};
      return {view: 'tags', registry: registry, repository: decode(m[2].replace(/\/$/, ''))};
    }
    return {view: 'notfound', path: path};
  }

  /**
   * Runs `request` (a function answering a promise) for what `target` shows, with a loading indicator meanwhile
   * and the error in its place on failure (then `count`, if given, is emptied). Resolves to the answer, or to
   * null when it failed or the page moved on since `mine` was rendered.
   */
  async function loadInto(target, mine, request, count) {
    clear(target);
    target.appendChild(loading());
    target.setAttribute('aria-busy', 'true');
    let data = null;
    let failure = null;
    try {
      data = await request();
    } catch (err) {
      failure = err;
    }
    if (mine !== renderToken) return null;
    clear(target);
    target.removeAttribute('aria-busy');
    if (failure) {
      if (count) count.textContent = '';
      target.appendChild(errorBox(failure));
      return null;
    }
    return data;
  }

  // ------------------------------------------------------------ page state

  const session = {loginRequired: false, loggedIn: false, user: null};
  let renderToken = 0;
  let registriesCache = [];

  let flashedAt = 0;

  /** A message about the last action; it survives the navigation that action makes, and goes with the next. */
  function flash(message, kind) {
    const el = t('flash');
    el.textContent = message;
    el.className = 'flash ' + (kind || 'ok');
    el.dataset.kind = kind || 'ok';
    show(el, true);
    flashedAt = Date.now();
  }

  function clearFlash() { show(t('flash'), false); }

  function errorBox(err, test) {
    return h('div', {class: 'error', role: 'alert', test: test || 'error'},
      h('strong', null, err.code && err.code !== 'NETWORK' ? err.code.replace(/_/g, ' ').toLowerCase() + ': ' : ''),
      err.message);
  }

  function loading() {
    return h('p', {class: 'loading', test: 'loading', role: 'status'}, h('span', {class: 'spinner', 'aria-hidden': 'true'}),
      'Loading…');
  }

  function breadcrumb(items) {
    const ol = h('ol');
    items.forEach(function (item, i) {
      const last = i === items.length - 1;
      ol.appendChild(h('li', null, last ? h('span', {'aria-current': 'page'}, item.label)
        : h('a', {href: item.href, test: item.test}, item.label)));
    });
    return h('nav', {class: 'breadcrumb', 'aria-label': 'Breadcrumb', test: 'breadcrumb'}, ol);
  }

  /** A pager for the server's {total, page, size} answers. */
  function pager(state, total, onChange, prefix) {
    const pages = Math.max(1, Math.ceil(total / state.size));
    const p = prefix || 'pager';
    return h('div', {class: 'pager', test: p},
      h('button', {type: 'button', test: p + '-prev', disabled: state.page <= 1,
        onclick: function () { state.page--; onChange(); }}, '‹ Previous'),
      h('span', {test: p + '-info', 'aria-live': 'polite'}, 'Page ' + state.page + ' of ' + pages),
      h('button', {type: 'button', test: p + '-next', disabled: state.page >= pages,
        onclick: function () { state.page++; onChange(); }}, 'Next ›'),
      h('label', null, 'Per page ',
        h('select', {test: p + '-size', onchange: function (e) { state.size = Number(e.target.value); state.page = 1; onChange(); }},
          [10, 25, 50, 100, 250].map(function (n) { return h('option', {value: String(n), selected: n === state.size}, String(n)); }))));
  }

  /** Runs an admin action, asking for a login first when the server wants one. */
  function asAdmin(action) {
    if (session.loginRequired && !session.loggedIn) openLogin(action);
    else action();
  }

  // ---------------------------------------------------------------- session

  async function loadSession() {
    try {
      const s = await api('GET', '/api/v1/session');
      session.loginRequired = !!s.loginRequired;
      session.loggedIn = !!s.loggedIn;
      session.user = s.user || null;
    } catch (e) {
      session.loginRequired = false;
    }
    renderSession();
  }

  function renderSession() {
    const user = t('session-user');
    user.textContent = session.loggedIn && session.user ? 'Signed in as ' + session.user : '';
    show(t('login-open'), session.loginRequired && !session.loggedIn);
    show(t('logout'), session.loginRequired && session.loggedIn);
    if (session.loginRequired && !session.loggedIn) user.textContent = 'Read only: sign in to make changes';
  }

  let afterLogin = null;

  function openLogin(then) {
    afterLogin = then || null;
    const dialog = q('#login-dialog');
    show(t('login-error', dialog), false);
    t('login-password', dialog).value = '';
    dialog.showModal();
    t('login-username', dialog).focus();
  }

  function wireLogin() {
    const dialog = q('#login-dialog');
    t('login-cancel', dialog).addEventListener('click', function () { dialog.close(); });
    q('form', dialog).addEventListener('submit', async function (e) {
      e.preventDefault();
      const error = t('login-error', dialog);
      show(error, false);
      try {
        await api('POST', '/api/v1/login', {username: t('login-username', dialog).value, password: t('login-password', dialog).value});
        await loadSession();
        dialog.close();
        const then = afterLogin;
        afterLogin = null;
        if (then) then(); else render();
      } catch (err) {
        error.textContent = err.status === 401 ? 'Wrong username or password.' : err.message;
        show(error, true);
      }
    });
    t('login-open').addEventListener('click', function () { openLogin(null); });
    t('logout').addEventListener('click', async function () {
      try { await api('POST', '/api/v1/logout', {}); } catch (e) { /* the session is gone either way */ }
      await loadSession();
      render();
    });
  }

  // --------------------------------------------------------- registries view

  function statusCell(reg) {
    const s = reg.status;
    if (!s) return h('span', {class: 'status unknown', test: 'registry-status', 'data-state': 'unknown'},
      h('span', {class: 'dot', 'aria-hidden': 'true'}), 'Not tested');
    if (s.ok) {
      return h('span', {class: 'status ok', test: 'registry-status', 'data-state': 'ok',
        title: 'Checked ' + formatTime(s.checkedAt)},
      h('span', {class: 'dot', 'aria-hidden': 'true'}),
      'Connected', s.latencyMs !== undefined && s.latencyMs !== null ? ' · ' + Math.round(s.latencyMs) + ' ms' : '',
      s.apiVersion ? ' · ' + s.apiVersion : '');
    }
    return h('span', {class: 'status fail', test: 'registry-status', 'data-state': 'fail',
      title: (s.detail || '') + ' (checked ' + formatTime(s.checkedAt) + ')'},
    h('span', {class: 'dot', 'aria-hidden': 'true'}),
    h('span', {test: 'registry-status-failure'}, failureName(s.failure)), s.detail ? ': ' + s.detail : '');
  }

  const FAILURES = {
    DNS: 'Host not found (DNS)',
    REFUSED: 'Connection refused',
    TLS: 'TLS handshake failed',
    AUTH: 'Authentication failed',
    NOT_A_REGISTRY: 'Not a registry',
    TIMEOUT: 'Timed out'
  };

  function failureName(kind) {
    if (!kind) return 'Failed';
    return (FAILURES[kind] || kind.replace(/_/g, ' ').toLowerCase()) + ' [' + kind + ']';
  }

  function tlsText(reg) {
    const https = /^https:/i.test(reg.url || '');
    if (!https) return 'No (plain HTTP)';
    return reg.insecure ? 'Yes, not verified' : (reg.caCert ? 'Yes, custom CA' : 'Yes, verified');
  }

  async function renderRegistries(view, token) {
    view.appendChild(h('div', {class: 'title-row'},
      h('h1', null, 'Registries'),
      h('button', {type: 'button', class: 'primary', test: 'registry-add',
        onclick: function () { asAdmin(function () { openRegistryForm(null); }); }}, '+ Add registry')));
    const body = h('div');
    view.appendChild(body);
    const data = await loadInto(body, token, function () { return api('GET', paths.registries); });
    if (!data) return;
    registriesCache = data.registries || [];
    if (!registriesCache.length) {
      body.appendChild(h('div', {class: 'empty', test: 'registries-empty'},
        h('p', null, 'No registry is configured yet.'),
        h('p', null, 'Add one with its URL and, if it needs them, credentials: the connection is tested when you save.')));
      return;
    }
    const rows = registriesCache.map(function (reg) {
      return h('tr', {test: 'registry-row', 'data-name': reg.name},
        h('th', {scope: 'row'}, h('a', {href: routes.registry(reg.name), test: 'registry-link'}, reg.name)),
        h('td', {test: 'registry-cell-url'}, h('code', null, reg.url)),
        h('td', {test: 'registry-cell-auth'}, reg.username ? ['Yes: ', h('code', null, reg.username),
          reg.hasPassword ? ' (password stored)' : ''] : 'No (anonymous)'),
        h('td', {test: 'registry-cell-tls'}, tlsText(reg)),
        h('td', null, statusCell(reg)),
        h('td', {class: 'actions'},
          h('a', {class: 'button', href: routes.registry(reg.name), test: 'registry-browse'}, 'Browse'),
          h('button', {type: 'button', test: 'registry-test', onclick: function (e) { testRegistry(reg, e.target); }}, 'Test'),
          h('button', {type: 'button', test: 'registry-edit', onclick: function () { asAdmin(function () { openRegistryForm(reg); }); }}, 'Edit'),
          h('button', {type: 'button', class: 'danger', test: 'registry-remove',
            onclick: function () { asAdmin(function () { confirmRemoveRegistry(reg); }); }}, 'Remove')));
    });
    body.appendChild(h('table', {class: 'grid', test: 'registries-table'},
      h('caption', {class: 'visually-hidden'}, 'Configured registries'),
      h('thead', null, h('tr', null, ['Name', 'URL', 'Authentication', 'TLS', 'Connection', 'Actions']
        .map(function (c) { return h('th', {scope: 'col'}, c); }))),
      h('tbody', null, rows)));
    body.appendChild(h('p', {class: 'hint'}, 'Registries send their events to ',
      h('code', null, location.origin + '/api/v1/events?registry=NAME'),
      ' (or KubeDash\'s ', h('code', null, '/plugins/registry/events'), ').'));
  }

  async function testRegistry(reg, button) {
    button.disabled = true;
    button.textContent = 'Testing…';
    try {
      const status = await api('POST', paths.registry(reg.name) + '/test', {});
      flash(reg.name + ': ' + (status.ok ? 'connected' : failureName(status.failure) + (status.detail ? ': ' + status.detail : '')),
        status.ok ? 'ok' : 'fail');
    } catch (err) {
      flash(reg.name + ': ' + err.message, 'fail');
    }
    render();
  }

  function confirmRemoveRegistry(reg) {
    const dialog = q('#confirm-dialog');
    t('confirm-title', dialog).textContent = 'Remove registry ' + reg.name + '?';
    t('confirm-text', dialog).textContent = 'Berth forgets ' + reg.url + ', its stored credentials and every event '
      + 'it received from it. The registry itself is not touched.';
    t('confirm-ok', dialog).textContent = 'Remove';
    show(t('confirm-error', dialog), false);
    dialog.onsubmit = async function (e) {
      e.preventDefault();
      try {
        const r = await api('DELETE', paths.registry(reg.name));
        dialog.close();
        flash('Removed registry ' + reg.name + ' and ' + plural(r && r.eventsRemoved || 0, 'event', 'events') + '.', 'ok');
        render();
      } catch (err) {
        const error = t('confirm-error', dialog);
        error.textContent = err.message;
        show(error, true);
      }
    };
    dialog.showModal();
    t('confirm-cancel', dialog).focus();
  }

  // ---------------------------------------------------- add / edit a registry

  let editing = null; // the registry being edited, null when adding

  function isLoopback(host) {
    return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/i.test(host);
  }

  /** Reads "host", "host:port" or a whole URL into {host, port, tls}, or null. */
  function parseHost(text) {
    const s = text.trim();
    if (!s) return null;
    let tls = null;
    let rest = s;
    const scheme = s.match(/^([a-z]+):\/\//i);
    if (scheme) {
      const name = scheme[1].toLowerCase();
      if (name !== 'http' && name !== 'https') return {error: 'The URL must start with http:// or https://.'};
      tls = name === 'https';
      rest = s.slice(scheme[0].length);
    }
    rest = rest.replace(/\/+$/, '');
    if (rest.indexOf('/') >= 0) return {error: 'Give the registry\'s address only, without a path (' + rest.slice(rest.indexOf('/')) + ').'};
    const m = rest.match(/^(\[[0-9a-f:.]+\]|[^:\s[\]]+)(?::(\d+))?$/i);
    if (!m) return {error: 'This is not a host name or address: ' + rest};
    return {host: m[1], port: m[2] ? Number(m[2]) : null, tls: tls};
  }

  function openRegistryForm(reg) {
    editing = reg;
    const dialog = q('#registry-dialog');
    const form = q('form', dialog);
    form.reset();
    t('registry-dialog-title', dialog).textContent = reg ? 'Edit registry ' + reg.name : 'Add registry';
    show(t('registry-form-error', dialog), false);
    show(t('registry-form-result', dialog), false);
    const name = t('registry-name', dialog);
    name.readOnly = !!reg;
    const password = t('registry-password', dialog);
    if (reg) {
      const parsed = parseHost(reg.url) || {};
      const tls = /^https:/i.test(reg.url);
      name.value = reg.name;
      t('registry-host', dialog).value = parsed.host || reg.url;
      t('registry-port', dialog).value = parsed.port ? String(parsed.port) : (tls ? '443' : '80');
      t('registry-tls', dialog).checked = tls;
      t('registry-insecure', dialog).checked = tls && !!reg.insecure;
      t('registry-username', dialog).value = reg.username || '';
      t('registry-ca', dialog).value = reg.caCert || '';
      // NFR-SEC-02: the password is never sent to the page; say that one is stored.
      password.placeholder = reg.hasPassword ? '•••••••• (stored; leave empty to keep it)' : '';
    } else {
      t('registry-port', dialog).value = '443';
      password.placeholder = '';
    }
    syncTls(dialog);
    dialog.showModal();
    (reg ? t('registry-host', dialog) : name).focus();
  }

  function syncTls(dialog) {
    const tls = t('registry-tls', dialog).checked;
    const insecure = t('registry-insecure', dialog);
    insecure.disabled = !tls;
    if (!tls) insecure.checked = false;
    t('registry-port', dialog).placeholder = tls ? '443' : '5000';
  }

  function registryBody(dialog) {
    const name = t('registry-name', dialog).value.trim();
    if (!name) return {error: 'Give the registry a name.', field: 'registry-name'};
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      return {error: 'The name may only hold letters, digits, dots, dashes and underscores.', field: 'registry-name'};
    }
    const parsed = parseHost(t('registry-host', dialog).value);
    if (!parsed) return {error: 'Give the registry\'s URL or host.', field: 'registry-host'};
    if (parsed.error) return {error: parsed.error, field: 'registry-host'};
    // A whole URL typed into the host field says itself whether it is TLS and which port.
    const tls = parsed.tls !== null ? parsed.tls : t('registry-tls', dialog).checked;
    const portText = parsed.port ? String(parsed.port) : t('registry-port', dialog).value.trim();
    let port = null;
    if (portText) {
      if (!/^\d+$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
        return {error: 'The port must be a number from 1 to 65535.', field: 'registry-port'};
      }
      port = Number(portText);
    }
    const defaultPort = tls ? 443 : 80;
    const url = (tls ? 'https://' : 'http://') + parsed.host + (port && port !== defaultPort ? ':' + port : '');
    const skipVerify = tls && t('registry-insecure', dialog).checked;
    const body = {
      name: name,
      url: url,
      username: t('registry-username', dialog).value.trim() || null,
      // Plain HTTP beyond loopback needs the insecure flag, as with the CLI's --insecure.
      insecure: skipVerify || (!tls && !isLoopback(parsed.host)),
      caCert: t('registry-ca', dialog).value.trim() || null
    };
    const password = t('registry-password', dialog).value;
    if (password) body.password = password;
    return {body: body};
  }

  function wireRegistryForm() {
    const dialog = q('#registry-dialog');
    const form = q('form', dialog);
    t('registry-cancel', dialog).addEventListener('click', function () { dialog.close(); });
    t('registry-tls', dialog).addEventListener('change', function () {
      const port = t('registry-port', dialog);
      const tls = t('registry-tls', dialog).checked;
      if (port.value === '' || port.value === '443' || port.value === '5000' || port.value === '80') port.value = tls ? '443' : '5000';
      syncTls(dialog);
    });
    t('registry-host', dialog).addEventListener('change', function () {
      const parsed = parseHost(t('registry-host', dialog).value);
      if (!parsed || parsed.error) return;
      if (parsed.tls !== null) t('registry-tls', dialog).checked = parsed.tls;
      if (parsed.port) t('registry-port', dialog).value = String(parsed.port);
      else if (parsed.tls !== null) t('registry-port', dialog).value = parsed.tls ? '443' : '80';
      syncTls(dialog);
    });
    form.addEventListener('submit', async function (e) {
      e.preventDefault();
      const error = t('registry-form-error', dialog);
      const result = t('registry-form-result', dialog);
      show(error, false);
      show(result, false);
      const built = registryBody(dialog);
      if (built.error) {
        error.textContent = built.error;
        show(error, true);
        t(built.field, dialog).focus();
        return;
      }
      const save = t('registry-save', dialog);
      save.disabled = true;
      save.textContent = 'Saving and testing…';
      try {
        const answer = editing
          ? await api('PUT', paths.registry(editing.name), built.body)
          : await api('POST', paths.registries, built.body);
        const reg = answer.registry;
        const test = answer.test || (reg && reg.status) || {};
        editing = reg; // saved: from now on the form edits it
        t('registry-name', dialog).readOnly = true;
        t('registry-dialog-title', dialog).textContent = 'Edit registry ' + reg.name;
        t('registry-password', dialog).value = '';
        t('registry-password', dialog).placeholder = reg.hasPassword ? '•••••••• (stored; leave empty to keep it)' : '';
        if (test.ok) {
          dialog.close();
          flash('Saved ' + reg.name + ': connected' + (test.latencyMs !== undefined ? ' in ' + Math.round(test.latencyMs) + ' ms' : '')
            + (test.authenticated && reg.username ? ', signed in as ' + reg.username : '') + '.', 'ok');
          render();
        } else {
          clear(result);
          result.className = 'test-result fail';
          append(result, [h('strong', null, 'Saved, but the connection test failed: '),
            h('span', {test: 'registry-test-failure'}, failureName(test.failure)),
            test.detail ? h('span', {class: 'detail'}, ' ' + test.detail) : null,
            h('br'), 'Correct the settings and save again, or close to keep them.']);
          show(result, true);
          render(); // the list behind the dialog shows the saved registry and its status
        }
      } catch (err) {
        error.textContent = err.status === 409 ? 'A registry named ' + built.body.name + ' exists already.' : err.message;
        show(error, true);
      } finally {
        save.disabled = false;
        save.textContent = 'Save and test connection';
      }
    });
  }

  // ------------------------------------------------------- repositories view

  const repoStates = {};

  async function renderRepositories(view, token, route) {
    const name = route.registry;
    const state = repoStates[name] || (repoStates[name] = {filter: '', sort: 'asc', page: 1, size: 50});
    view.appendChild(breadcrumb([{label: 'Registries', href: routes.registries(), test: 'crumb-registries'}, {label: name}]));
    view.appendChild(h('h1', null, name));

    const filter = h('input', {type: 'search', id: 'repo-filter', test: 'repo-filter', value: state.filter,
      placeholder: 'Search repositories…', autocomplete: 'off', spellcheck: 'false', 'aria-controls': 'repo-results'});
    const count = h('span', {class: 'count', test: 'repo-count', 'aria-live': 'polite'});
    const sort = h('select', {id: 'repo-sort', test: 'repo-sort'},
      h('option', {value: 'asc', selected: state.sort === 'asc'}, 'Name A → Z'),
      h('option', {value: 'desc', selected: state.sort === 'desc'}, 'Name Z → A'));
    const results = h('div', {id: 'repo-results'});
    view.appendChild(h('div', {class: 'toolbar', role: 'search'},
      h('label', {for: 'repo-filter', class: 'visually-hidden'}, 'Search repositories'),
      filter,
      h('button', {type: 'button', test: 'repo-filter-clear', 'aria-label': 'Clear the search',
        onclick: function () { filter.value = ''; state.filter = ''; state.page = 1; load(false); filter.focus(); }}, 'Clear'),
      count,
      h('span', {class: 'spacer'}),
      h('label', {for: 'repo-sort'}, 'Sort '), sort,
      h('button', {type: 'button', test: 'repo-refresh', title: 'Ask the registry again instead of the cache',
        onclick: function () { load(true); }}, 'Refresh')));
    view.appendChild(results);

    async function load(refresh) {
      const data = await loadInto(results, token, function () {
        return api('GET', paths.repositories(name) + query({filter: state.filter, sort: state.sort, page: state.page,
          size: state.size, refresh: refresh ? 'true' : null}));
      }, count);
      if (!data) return;
      if (data.catalogAvailable === false) {
        count.textContent = '';
        results.appendChild(catalogUnsupported(name, data.message));
        return;
      }
      const total = data.total || 0;
      count.textContent = plural(total, 'repository', 'repositories') + (state.filter ? ' matching “' + state.filter + '”' : '')
        + (data.cached ? ' (cached)' : '');
      if (!total) {
        results.appendChild(state.filter
          ? h('p', {class: 'empty', test: 'repo-no-match'}, 'No repository matches “' + state.filter + '”.')
          : h('div', {class: 'empty', test: 'repo-empty'}, h('p', null, 'This registry has no repositories yet.'),
            h('p', null, 'Push an image to it and it shows up here.')));
        return;
      }
      results.appendChild(h('ul', {class: 'repo-list', test: 'repo-list'}, (data.items || []).map(function (repo) {
        return h('li', {test: 'repo-item', 'data-repository': repo},
          h('a', {href: routes.repository(name, repo), test: 'repo-link'}, repo));
      })));
      if (total > state.size) results.appendChild(pager(state, total, function () { load(false); }));
    }

    filter.addEventListener('input', debounce(function () {
      state.filter = filter.value.trim();
      state.page = 1;
      load(false);
    }, 200));
    sort.addEventListener('change', function () { state.sort = sort.value; state.page = 1; load(false); });
    await load(false);
  }

  /** Docker Hub and others refuse _catalog: say so and offer to open a repository by name. */
  function catalogUnsupported(name, message) {
    const input = h('input', {id: 'repo-by-name', test: 'repo-by-name', placeholder: 'library/alpine', autocomplete: 'off',
      spellcheck: 'false', required: true});
    return h('div', {class: 'notice', test: 'catalog-unsupported'},
      h('h2', null, 'This registry does not list its repositories'),
      h('p', null, message || 'It refuses the catalog API (/v2/_catalog), as Docker Hub does.'),
      h('form', {class: 'inline', onsubmit: function (e) {
        e.preventDefault();
        const repo = input.value.trim().replace(/^\/+|\/+$/g, '');
        if (repo) location.hash = routes.repository(name, repo);
      }},
      h('label', {for: 'repo-by-name'}, 'Open a repository by name '), input,
      h('button', {type: 'submit', class: 'primary', test: 'repo-by-name-open'}, 'Show tags')));
  }

  // -------------------------------------------------------------- search view

  const searchState = {query: '', registry: ''};

  async function renderSearch(view, token) {
    view.appendChild(h('h1', null, 'Search repositories'));
    const input = h('input', {type: 'search', id: 'search-query', test: 'search-query', value: searchState.query,
      placeholder: 'nginx, team/app…', autocomplete: 'off', spellcheck: 'false'});
    const select = h('select', {id: 'search-registry', test: 'search-registry'}, h('option', {value: ''}, 'All registries'));
    const results = h('div', {test: 'search-results-box'});
    const form = h('form', {class: 'toolbar', role: 'search', onsubmit: function (e) { e.preventDefault(); run(); }},
      h('label', {for: 'search-query'}, 'Name contains '), input,
      h('label', {for: 'search-registry'}, ' in '), select,
      h('button', {type: 'submit', class: 'primary', test: 'search-submit'}, 'Search'));
    view.appendChild(form);
    view.appendChild(results);
    try {
      const data = await api('GET', paths.registries);
      registriesCache = data.registries || [];
    } catch (e) { /* the search itself reports what fails */ }
    if (token !== renderToken) return;
    registriesCache.forEach(function (reg) {
      select.appendChild(h('option', {value: reg.name, selected: reg.name === searchState.registry}, reg.name));
    });

    async function run() {
      const mine = token;
      searchState.query = input.value.trim();
      searchState.registry = select.value;
      clear(results);
      if (!searchState.query) {
        results.appendChild(h('p', {class: 'hint'}, 'Type part of a repository name.'));
        return;
      }
      const body = {query: searchState.query};
      if (searchState.registry) body.registry = searchState.registry;
      const data = await loadInto(results, mine, function () { return api('POST', '/api/v1/images/search', body); });
      if (!data) return;
      const items = data.items || [];
      results.appendChild(h('p', {class: 'count', test: 'search-count', 'aria-live': 'polite'},
        plural(items.length, 'repository', 'repositories') + ' found for “' + searchState.query + '”'
        + (searchState.registry ? ' in ' + searchState.registry : ' across all registries')));
      (data.failures || []).forEach(function (f) {
        results.appendChild(h('p', {class: 'error', test: 'search-failure', role: 'alert'},
          h('strong', null, f.registry + ': '), f.failure ? failureName(f.failure) + ': ' : '', f.message));
      });
      if (items.length) {
        results.appendChild(h('table', {class: 'grid', test: 'search-results'},
          h('thead', null, h('tr', null, h('th', {scope: 'col'}, 'Repository'), h('th', {scope: 'col'}, 'Registry'))),
          h('tbody', null, items.map(function (item) {
            return h('tr', {test: 'search-result', 'data-registry': item.registry, 'data-repository': item.repository},
              h('td', null, h('a', {href: routes.repository(item.registry, item.repository), test: 'search-result-link'}, item.repository)),
              h('td', null, h('span', {class: 'badge'}, item.registry)));
          }))));
      }
    }
    input.addEventListener('input', debounce(function () { if (input.value.trim().length >= 2) run(); }, 300));
    select.addEventListener('change', function () { if (input.value.trim()) run(); });
    if (searchState.query) run();
    input.focus();
  }

  // ---------------------------------------------------------------- tags view

  const tagStates = {};

  async function renderTags(view, token, route) {
    const name = route.registry;
    const repo = route.repository;
    const key = name + ' ' + repo;
    const state = tagStates[key] || (tagStates[key] = {filter: '', sort: 'name', order: 'asc', page: 1, size: 50});
    view.appendChild(breadcrumb([{label: 'Registries', href: routes.registries(), test: 'crumb-registries'},
      {label: name, href: routes.registry(name), test: 'crumb-registry'}, {label: repo}]));
    view.appendChild(h('h1', null, repo));

    const filter = h('input', {type: 'search', id: 'tag-filter', test: 'tag-filter', value: state.filter,
      placeholder: 'Filter tags…', autocomplete: 'off', spellcheck: 'false', 'aria-controls': 'tag-results'});
    const count = h('span', {class: 'count', test: 'tag-count', 'aria-live': 'polite'});
    const sort = h('select', {id: 'tag-sort', test: 'tag-sort'},
      h('option', {value: 'semver', selected: state.sort === 'semver'}, 'Version (semver)'),
      h('option', {value: 'name', selected: state.sort === 'name'}, 'Name'),
      h('option', {value: 'date', selected: state.sort === 'date'}, 'Date created'));
    const order = h('select', {id: 'tag-order', test: 'tag-order', 'aria-label': 'Order'},
      h('option', {value: 'asc', selected: state.order === 'asc'}, 'Ascending'),
      h('option', {value: 'desc', selected: state.order === 'desc'}, 'Descending'));
    const results = h('div', {id: 'tag-results'});
    view.appendChild(h('div', {class: 'toolbar', role: 'search'},
      h('label', {for: 'tag-filter', class: 'visually-hidden'}, 'Filter tags'), filter,
      h('button', {type: 'button', test: 'tag-filter-clear', 'aria-label': 'Clear the filter',
        onclick: function () { filter.value = ''; state.filter = ''; state.page = 1; load(false); filter.focus(); }}, 'Clear'),
      count,
      h('span', {class: 'spacer'}),
      h('label', {for: 'tag-sort'}, 'Sort by '), sort, order,
      h('button', {type: 'button', test: 'tag-refresh', onclick: function () { load(true); }}, 'Refresh')));
    view.appendChild(results);
    const events = h('section', {class: 'panel', 'aria-labelledby': 'events-title'});
    view.appendChild(events);

    async function load(refresh) {
      const data = await loadInto(results, token, function () {
        return api('GET', paths.tags(name, repo) + query({filter: state.filter, sort: state.sort, order: state.order,
          page: state.page, size: state.size, refresh: refresh ? 'true' : null}));
      }, count);
      if (!data) return;
      const total = data.total || 0;
      count.textContent = plural(total, 'tag', 'tags') + (state.filter ? ' matching “' + state.filter + '”' : '')
        + (data.cached ? ' (cached)' : '');
      if (!total) {
        results.appendChild(h('p', {class: 'empty', test: 'tags-empty'},
          state.filter ? 'No tag matches “' + state.filter + '”.' : 'This repository has no tags.'));
        return;
      }
      results.appendChild(h('table', {class: 'grid', test: 'tags-table'},
        h('caption', {class: 'visually-hidden'}, 'Tags of ' + repo),
        h('thead', null, h('tr', null, ['Tag', 'Digest', 'Created', 'Size', 'Actions']
          .map(function (c) { return h('th', {scope: 'col'}, c); }))),
        h('tbody', null, (data.items || []).map(function (tag) {
          return h('tr', {test: 'tag-row', 'data-tag': tag.name},
            h('th', {scope: 'row'}, h('a', {href: routes.tag(name, repo, tag.name), test: 'tag-link'}, tagLabel(tag.name))),
            h('td', {test: 'tag-digest'}, digestCell(tag.digest)),
            h('td', {test: 'tag-created', class: 'nowrap'}, formatTime(tag.created)),
            h('td', {test: 'tag-size', class: 'nowrap'}, bytesCell(tag.size)),
            h('td', {class: 'actions'},
              h('a', {class: 'button', href: routes.tag(name, repo, tag.name), test: 'tag-view'}, 'View'),
              // A referrers index is the SDK's to keep: deleting it by hand would hide the referrers.
              isReferrersTag(tag.name) ? null : h('button', {type: 'button', class: 'danger', test: 'tag-delete',
                'aria-label': 'Delete ' + repo + ':' + tag.name,
                onclick: function () { asAdmin(function () { openDelete(name, repo, tag.name, null); }); }}, 'Delete')));
        }))));
      if (total > state.size) results.appendChild(pager(state, total, function () { load(false); }));
    }

    filter.addEventListener('input', debounce(function () { state.filter = filter.value.trim(); state.page = 1; load(false); }, 200));
    sort.addEventListener('change', function () {
      state.sort = sort.value;
      state.order = sort.value === 'name' ? 'asc' : 'desc';
      order.value = state.order;
      state.page = 1;
      load(false);
    });
    order.addEventListener('change', function () { state.order = order.value; state.page = 1; load(false); });
    renderEvents(events, token, name, repo, '');
    const fresh = !!state.refreshOnce; // after this page changed the registry, do not show the cached list
    state.refreshOnce = false;
    await load(fresh);
  }

  // ------------------------------------------------------------- events panel

  /** The image's events, newest first, filtered by tag, paginated (US-REG-041); refreshed every few seconds. */
  function renderEvents(section, token, name, repo, presetTag) {
    const state = {tag: presetTag || '', page: 1, size: 25};
    const filter = h('input', {type: 'search', id: 'events-tag', test: 'events-tag-filter', value: state.tag,
      placeholder: 'any tag', autocomplete: 'off', spellcheck: 'false'});
    const count = h('span', {class: 'count', test: 'events-count', 'aria-live': 'polite'});
    const body = h('div', {test: 'events-body'});
    section.dataset.test = 'events';
    append(section, [
      h('div', {class: 'title-row'}, h('h2', {id: 'events-title'}, 'Events'), count),
      h('div', {class: 'toolbar'},
        h('label', {for: 'events-tag'}, 'Tag '), filter,
        h('button', {type: 'button', test: 'events-tag-clear', onclick: function () { filter.value = ''; state.tag = ''; state.page = 1; load(); }}, 'All tags'),
        h('span', {class: 'spacer'}),
        h('button', {type: 'button', test: 'events-refresh', onclick: function () { load(); }}, 'Refresh')),
      body]);
    let shown = null;

    async function load() {
      let data;
      try {
        data = await api('GET', paths.events(name, repo) + query({tag: state.tag, page: state.page, size: state.size}));
      } catch (err) {
        if (token !== renderToken) return;
        clear(body);
        body.appendChild(errorBox(err, 'events-error'));
        shown = null;
        return;
      }
      if (token !== renderToken) return;
      const signature = JSON.stringify(data);
      if (signature === shown) return; // nothing new: keep the table (and the reader's place) as it is
      shown = signature;
      clear(body);
      const total = data.total || 0;
      count.textContent = plural(total, 'event', 'events') + (state.tag ? ' for tag ' + state.tag : '');
      if (!total) {
        body.appendChild(h('div', {class: 'empty', test: 'events-empty'},
          h('p', null, state.tag ? 'No event recorded for tag ' + state.tag + '.' : 'No event recorded for this image yet.'),
          h('p', {class: 'hint'}, 'The registry\'s notifications must point at ',
            h('code', null, location.origin + '/api/v1/events?registry=' + enc(name)), '.')));
        return;
      }
      body.appendChild(h('table', {class: 'grid compact', test: 'events-table'},
        h('thead', null, h('tr', null, ['Time', 'Action', 'Tag', 'Digest', 'Actor', 'Source address', 'Client']
          .map(function (c) { return h('th', {scope: 'col'}, c); }))),
        h('tbody', null, (data.items || []).map(function (ev) {
          return h('tr', {test: 'event-row', 'data-action': ev.action, 'data-tag': ev.tag || ''},
            h('td', {test: 'event-time', class: 'nowrap'}, formatTime(ev.timestamp)),
            h('td', {test: 'event-action'}, h('span', {class: 'badge action-' + String(ev.action).replace(/[^a-z]/gi, '')}, ev.action)),
            h('td', {test: 'event-tag'}, ev.tag ? tagLabel(ev.tag) : '—'),
            h('td', {test: 'event-digest'}, digestCell(ev.digest)),
            h('td', {test: 'event-actor'}, ev.actor || '—'),
            h('td', {test: 'event-source'}, ev.sourceAddr || '—'),
            h('td', {class: 'muted', title: ev.userAgent || null}, ev.userAgent ? ev.userAgent.split(' ')[0] : '—'));
        }))));
      if (total > state.size) body.appendChild(pager(state, total, load, 'events-pager'));
    }

    filter.addEventListener('input', debounce(function () { state.tag = filter.value.trim(); state.page = 1; load(); }, 250));
    load();
    const timer = setInterval(function () {
      if (token !== renderToken || !section.isConnected) { clearInterval(timer); return; }
      if (!document.hidden) load();
    }, 4000);
  }

  // -------------------------------------------------------------- detail view

  const BUILD_KEYS = [
    ['Title', ['org.opencontainers.image.title', 'org.label-schema.name']],
    ['Description', ['org.opencontainers.image.description', 'org.label-schema.description']],
    ['Version', ['org.opencontainers.image.version', 'org.label-schema.version']],
    ['Created', ['org.opencontainers.image.created', 'org.label-schema.build-date']],
    ['Authors', ['org.opencontainers.image.authors', 'maintainer', 'MAINTAINER']],
    ['Vendor', ['org.opencontainers.image.vendor', 'org.label-schema.vendor']],
    ['Source', ['org.opencontainers.image.source', 'org.label-schema.vcs-url']],
    ['Revision', ['org.opencontainers.image.revision', 'org.label-schema.vcs-ref']],
    ['Home page', ['org.opencontainers.image.url', 'org.label-schema.url']],
    ['Documentation', ['org.opencontainers.image.documentation', 'org.label-schema.usage']],
    ['Licenses', ['org.opencontainers.image.licenses']],
    ['Base image', ['org.opencontainers.image.base.name']],
    ['Base image digest', ['org.opencontainers.image.base.digest']],
    ['Label schema', ['org.label-schema.schema-version']]
  ];

  /** "k=v" strings (berth inspect's lines) into a map. */
  function pairs(list) {
    const out = {};
    (list || []).forEach(function (line) {
      const s = String(line);
      const i = s.indexOf('=');
      if (i > 0) out[s.slice(0, i)] = s.slice(i + 1);
    });
    return out;
  }

  function asMap(value, fallbackList) {
    if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    return pairs(Array.isArray(value) ? value : fallbackList);
  }

  /** Text, or a link when it is an http(s) URL: never a javascript: or data: link from a label. */
  function valueNode(v) {
    const s = v === null || v === undefined ? '' : String(v);
    if (/^https?:\/\/[^\s]+$/i.test(s)) return h('a', {href: s, rel: 'noopener noreferrer', target: '_blank'}, s);
    return s;
  }

  function factList(test, facts) {
    const dl = h('dl', {class: 'facts', test: test});
    facts.forEach(function (f) {
      if (f[1] === undefined || f[1] === null || f[1] === '' || (Array.isArray(f[1]) && !f[1].length)) return;
      dl.appendChild(h('dt', null, f[0]));
      dl.appendChild(h('dd', {test: f[2] || null}, f[1] instanceof Node || Array.isArray(f[1]) ? f[1] : valueNode(f[1])));
    });
    return dl;
  }

  function keyValueTable(test, map, caption, keyHeader, valueHeader) {
    const keys = Object.keys(map || {}).sort();
    if (!keys.length) return h('p', {class: 'muted', test: test + '-empty'}, 'None.');
    return h('table', {class: 'grid compact kv', test: test},
      h('caption', {class: 'visually-hidden'}, caption),
      h('thead', null, h('tr', null, h('th', {scope: 'col'}, keyHeader), h('th', {scope: 'col'}, valueHeader))),
      h('tbody', null, keys.map(function (k) {
        return h('tr', {'data-key': k}, h('th', {scope: 'row'}, h('code', null, k)), h('td', null, valueNode(map[k])));
      })));
  }

  function section(title, test, content) {
    const id = 'sec-' + test;
    return h('section', {class: 'panel', test: test, 'aria-labelledby': id}, h('h2', {id: id}, title), content);
  }

  function copyButton(text, label) {
    const status = h('span', {class: 'copied', role: 'status', 'aria-live': 'polite', test: 'copy-status'});
    const button = h('button', {type: 'button', class: 'small', test: 'copy-digest', 'aria-label': label,
      onclick: async function () {
        let ok = false;
        try {
          await navigator.clipboard.writeText(text);
          ok = true;
        } catch (e) {
          // Without the clipboard API (an insecure origin): select the text for Ctrl+C.
          const area = h('textarea', {class: 'offscreen', readonly: true});
          area.value = text;
          document.body.appendChild(area);
          area.select();
          try { ok = document.execCommand('copy'); } catch (e2) { ok = false; }
          document.body.removeChild(area);
        }
        status.textContent = ok ? 'Copied' : 'Select and copy the digest by hand';
        setTimeout(function () { status.textContent = ''; }, 2500);
      }}, 'Copy');
    return [button, status];
  }

  async function renderDetail(view, token, route) {
    const name = route.registry;
    const repo = route.repository;
    const tag = route.tag;
    view.appendChild(breadcrumb([{label: 'Registries', href: routes.registries(), test: 'crumb-registries'},
      {label: name, href: routes.registry(name), test: 'crumb-registry'},
      {label: repo, href: routes.repository(name, repo), test: 'crumb-repository'}, {label: tag}]));
    const body = h('div');
    view.appendChild(body);
    body.appendChild(loading());
    let doc;
    try {
      doc = await api('GET', paths.tag(name, repo, tag));
    } catch (err) {
      if (token !== renderToken) return;
      clear(body);
      body.appendChild(h('h1', null, repo + ':' + tag));
      body.appendChild(errorBox(err));
      return;
    }
    if (token !== renderToken) return;
    clear(body);
    const img = doc.image || doc;
    const d = img.details || doc.details || {};
    const digest = img.digest || doc.digest;
    const labels = asMap(d.labels, img.labels);
    const annotations = asMap(d.annotations, img.annotations);
    // null: the repository has many tags and they are not read yet; the delete dialog asks for them
    const otherTags = doc.otherTags === undefined ? [] : doc.otherTags;

    body.appendChild(h('div', {class: 'title-row'},
      h('h1', {test: 'detail-title'}, repo + ':' + tag),
      img.kind ? h('span', {class: 'badge kind', test: 'detail-kind'}, String(img.kind).replace(/_/g, ' ').toLowerCase()) : null,
      h('span', {class: 'spacer'}),
      h('button', {type: 'button', test: 'detail-pull', onclick: function () { asAdmin(function () { openPull(name, repo, tag); }); }},
        'Pull / promote…'),
      h('button', {type: 'button', class: 'danger', test: 'detail-delete',
        onclick: function () { asAdmin(function () { openDelete(name, repo, tag, {digest: digest, otherTags: otherTags}); }); }},
      'Delete tag…')));

    const summary = h('div', {class: 'columns'});
    summary.appendChild(factList('detail-summary', [
      ['Digest', [h('code', {class: 'digest-full', test: 'detail-digest'}, digest), ' ', copyButton(digest, 'Copy the digest')]],
      ['Media type', img.mediaType, 'detail-media-type'],
      ['Schema version', img.schemaVersion, 'detail-schema-version'],
      // An image's artifact type is only its config's media type: shown for artifacts alone.
      ['Artifact type', img.kind === 'IMAGE' ? null : img.artifactType, 'detail-artifact-type'],
      ['Total size', d.totalSize !== undefined ? bytesCell(d.totalSize) : img.totalSize, 'detail-size'],
      ['Created', img.created ? formatTime(img.created) : null, 'detail-created'],
      ['Author', img.author],
      ['Platform', img.platform, 'detail-platform'],
      ['Subject', img.subject ? h('code', {class: 'digest'}, img.subject) : null],
      ['Other tags on this manifest', otherTags === null ? 'not read yet (the delete dialog reads them)'
        : otherTags.length ? otherTags.join(', ') : 'none', 'detail-other-tags']
    ]));
    body.appendChild(section('Manifest', 'detail-manifest', summary));

    const platforms = d.platforms || [];
    if (platforms.length) {
      body.appendChild(section('Platforms (' + platforms.length + ')', 'detail-platforms',
        h('table', {class: 'grid compact', test: 'platforms-table'},
          h('thead', null, h('tr', null, ['Platform', 'Digest', 'Size', 'Kind'].map(function (c) { return h('th', {scope: 'col'}, c); }))),
          h('tbody', null, platforms.map(function (p) {
            return h('tr', {test: 'platform-row', 'data-platform': p.platform},
              h('th', {scope: 'row'}, p.platform), h('td', null, digestCell(p.digest)), h('td', null, bytesCell(p.size)),
              h('td', null, p.kind ? String(p.kind).toLowerCase() : '—'));
          })))));
    }

    const layers = d.layers || [];
    body.appendChild(section('Layers (' + layers.length + ')', 'detail-layers', layers.length
      ? h('table', {class: 'grid compact', test: 'layers-table'},
        h('thead', null, h('tr', null, ['#', 'Digest', 'Size', 'Media type'].map(function (c) { return h('th', {scope: 'col'}, c); }))),
        h('tbody', null, layers.map(function (l, i) {
          return h('tr', {test: 'layer-row'}, h('td', null, String(i + 1)), h('td', null, digestCell(l.digest)),
            h('td', null, bytesCell(l.size)), h('td', null, h('code', null, l.mediaType)));
        })))
      : h('p', {class: 'muted'}, platforms.length ? 'An index: each platform has its own layers.' : 'No layers.')));

    // The inspect document writes lists as text ("[/bin/app]"): an empty one ("[]") is no value, not a value.
    function given(v) { return v === '[]' || v === '' ? null : v; }
    const entrypoint = given(img.entrypoint), cmd = given(img.cmd), ports = given(img.exposedPorts);
    const hasConfig = img.user || entrypoint || cmd || img.workingDir || ports
      || Object.keys(d.env || {}).length || Object.keys(labels).length;
    if (hasConfig) {
      body.appendChild(section('Configuration', 'detail-config', [
        factList('config-facts', [
          ['User', img.user, 'config-user'],
          ['Entrypoint', entrypoint ? h('code', null, entrypoint) : null, 'config-entrypoint'],
          ['Command', cmd ? h('code', null, cmd) : null, 'config-cmd'],
          ['Working directory', img.workingDir ? h('code', null, img.workingDir) : null, 'config-workdir'],
          ['Exposed ports', ports, 'config-ports']
        ]),
        h('h3', null, 'Environment'),
        h('p', {class: 'hint'}, 'Values of variables that look like secrets are masked by the server.'),
        keyValueTable('config-env', asMap(d.env, img.env), 'Environment variables', 'Variable', 'Value'),
        h('h3', null, 'Labels'),
        keyValueTable('config-labels', labels, 'Labels', 'Label', 'Value')
      ]));
    }

    const build = [];
    BUILD_KEYS.forEach(function (entry) {
      for (let i = 0; i < entry[1].length; i++) {
        const k = entry[1][i];
        const v = annotations[k] !== undefined ? annotations[k] : labels[k];
        if (v !== undefined && v !== '') {
          build.push([entry[0], entry[0] === 'Created' && !isNaN(new Date(v).getTime()) ? formatTime(v) : v]);
          break;
        }
      }
    });
    if (build.length || Object.keys(annotations).length) {
      body.appendChild(section('Build and base image', 'detail-build', [
        build.length ? factList('build-facts', build)
          : h('p', {class: 'muted'}, 'No OCI or label-schema build information.'),
        Object.keys(annotations).length ? h('details', null, h('summary', null, 'All annotations (' + Object.keys(annotations).length + ')'),
          keyValueTable('annotations', annotations, 'Annotations', 'Annotation', 'Value')) : null
      ]));
    }

    const helm = doc.helm;
    if (helm || img.chart) {
      const facts = [];
      if (helm && typeof helm === 'object') {
        Object.keys(helm).forEach(function (k) {
          const v = helm[k];
          if (v === null || v === undefined || v === '') return;
          facts.push([k, typeof v === 'object' ? JSON.stringify(v) : v]);
        });
      } else {
        facts.push(['Chart', img.chart]);
        facts.push(['Description', img.chartDescription]);
      }
      body.appendChild(section('Helm chart', 'detail-helm', factList('helm-facts', facts)));
    }

    body.appendChild(section('Referrers', 'detail-referrers', referrers(d.referrers || [], doc.sbom, doc.vulnerabilities)));

    if ((img.history || []).length) {
      body.appendChild(section('History', 'detail-history',
        h('details', null, h('summary', null, plural(img.history.length, 'step', 'steps')),
          h('ol', {class: 'history'}, img.history.map(function (line) { return h('li', null, h('code', null, line)); })))));
    }

    const events = h('section', {class: 'panel', 'aria-labelledby': 'events-title'});
    body.appendChild(events);
    renderEvents(events, token, name, repo, tag);
  }

  const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'];

  function referrers(list, sbom, vulnerabilities) {
    const groups = {signatures: [], sboms: [], attestations: [], other: []};
    list.forEach(function (r) {
      const kind = String(r.kind || '').toUpperCase();
      const type = String(r.artifactType || '').toLowerCase();
      if (kind === 'SIGNATURE' || /signature|cosign\.artifact\.sig|notary/.test(type)) groups.signatures.push(r);
      else if (kind === 'SBOM' || /spdx|cyclonedx|syft|sbom/.test(type)) groups.sboms.push(r);
      else if (kind === 'ATTESTATION' || /in-toto|attestation|vuln|dsse|provenance/.test(type)) groups.attestations.push(r);
      else groups.other.push(r);
    });
    const out = [h('p', {class: 'summary-line', test: 'referrer-counts'},
      plural(groups.signatures.length, 'signature', 'signatures') + ' · ' + plural(groups.sboms.length, 'SBOM', 'SBOMs')
      + ' · ' + plural(groups.attestations.length, 'attestation', 'attestations')
      + (groups.other.length ? ' · ' + groups.other.length + ' other' : ''))];
    if (sbom) {
      out.push(h('p', {class: 'sbom', test: 'detail-sbom'}, 'SBOM: ', h('strong', {test: 'sbom-format'}, sbom.format || 'unknown format'),
        sbom.packages !== undefined && sbom.packages !== null ? [', ', h('strong', {test: 'sbom-packages'}, String(sbom.packages)),
          sbom.packages === 1 ? ' package' : ' packages'] : ''));
    }
    if (vulnerabilities) {
      out.push(h('div', {class: 'severities', test: 'detail-vulnerabilities', role: 'group', 'aria-label': 'Vulnerabilities by severity'},
        h('span', null, 'Vulnerabilities: '),
        SEVERITIES.map(function (s) {
          return h('span', {class: 'sev sev-' + s, test: 'vuln-' + s}, s + ' ' + (vulnerabilities[s] || 0));
        })));
    }
    if (!list.length) {
      out.push(h('p', {class: 'muted', test: 'referrers-empty'}, 'No signature, SBOM or attestation refers to this manifest.'));
      return out;
    }
    const rows = [];
    [['Signature', groups.signatures], ['SBOM', groups.sboms], ['Attestation', groups.attestations], ['Other', groups.other]]
      .forEach(function (g) {
        g[1].forEach(function (r) {
          rows.push(h('tr', {test: 'referrer-row', 'data-kind': g[0].toLowerCase()},
            h('td', null, h('span', {class: 'badge'}, g[0])),
            h('td', null, h('code', null, r.artifactType || '—'),
              r.tag ? h('div', {class: 'muted', test: 'referrer-tag'}, 'cosign tag ', h('code', null, r.tag)) : null),
            h('td', null, digestCell(r.digest))));
        });
      });
    out.push(h('table', {class: 'grid compact', test: 'referrers-table'},
      h('thead', null, h('tr', null, ['Kind', 'Artifact type', 'Digest'].map(function (c) { return h('th', {scope: 'col'}, c); }))),
      h('tbody', null, rows)));
    return out;
  }

  // --------------------------------------------------------------- delete tag

  async function openDelete(name, repo, tag, known) {
    const dialog = q('#delete-dialog');
    const error = t('delete-error', dialog);
    const other = t('delete-other', dialog);
    const confirm = t('delete-confirm', dialog);
    show(error, false);
    clear(other);
    dialog.onsubmit = function (e) { e.preventDefault(); };
    t('delete-image', dialog).textContent = repo + ':' + tag;
    t('delete-registry', dialog).textContent = name;
    t('delete-digest', dialog).textContent = known ? known.digest : 'resolving…';
    confirm.disabled = true;
    dialog.showModal();
    t('delete-cancel', dialog).focus();
    let info = known;
    if (!info || info.otherTags === null) {
      try {
        const doc = await api('GET', paths.tag(name, repo, tag) + query({otherTags: 'read'}));
        const img = doc.image || doc;
        info = {digest: img.digest || doc.digest, otherTags: doc.otherTags || []};
      } catch (err) {
        error.textContent = err.status === 404 ? 'The tag ' + tag + ' does not exist (any more).' : err.message;
        show(error, true);
        return;
      }
    }
    t('delete-digest', dialog).textContent = info.digest;
    other.appendChild(info.otherTags.length
      ? h('div', {class: 'warning'}, h('p', null, 'These tags point to the same manifest and are deleted with it:'),
        h('ul', {test: 'delete-other-tags'}, info.otherTags.map(function (o) { return h('li', {test: 'delete-other-tag'}, repo + ':' + o); })))
      : h('p', {test: 'delete-no-other-tags'}, 'No other tag points to this manifest.'));
    confirm.disabled = false;
    dialog.onsubmit = async function (e) {
      e.preventDefault();
      confirm.disabled = true;
      show(error, false);
      try {
        const r = await api('DELETE', paths.tag(name, repo, tag));
        dialog.close();
        const gone = (r && r.otherTags) || info.otherTags;
        flash('Deleted ' + repo + ':' + tag + ' (' + shortDigest((r && r.deleted) || info.digest) + ')'
          + (gone.length ? ', and with it ' + gone.join(', ') : '') + '.', 'ok');
        const key = name + ' ' + repo;
        (tagStates[key] || (tagStates[key] = {filter: '', sort: 'name', order: 'asc', page: 1, size: 50})).refreshOnce = true;
        const target = routes.repository(name, repo);
        if (location.hash === target) render(); else location.hash = target;
      } catch (err) {
        clear(error);
        if (err.code === 'DELETE_DISABLED') {
          append(error, h('div', {test: 'delete-disabled'},
            h('strong', null, 'This registry does not allow deletes. '), err.message, h('br'),
            'Distribution deletes with ', h('code', null, 'storage: {delete: {enabled: true}}'),
            ' in its config.yml; berth serve deletes unless it runs with ', h('code', null, '--read-only'), '.'));
        } else {
          error.textContent = err.message;
        }
        show(error, true);
        confirm.disabled = err.code === 'DELETE_DISABLED';
      }
    };
  }

  // ---------------------------------------------------------- pull / promote

  let pullTimer = null;

  async function openPull(name, repo, tag) {
    const dialog = q('#pull-dialog');
    const error = t('pull-error', dialog);
    const box = t('pull-progress-box', dialog);
    const start = t('pull-start', dialog);
    show(error, false);
    show(box, false);
    start.disabled = false;
    t('pull-source', dialog).textContent = name + '/' + repo + ':' + tag;
    t('pull-target-repo', dialog).value = repo;
    t('pull-target-tag', dialog).value = tag;
    t('pull-target-path', dialog).value = '';
    const select = t('pull-target-registry', dialog);
    clear(select);
    try {
      registriesCache = (await api('GET', paths.registries)).registries || [];
    } catch (e) { /* keep what we had */ }
    registriesCache.forEach(function (reg) { select.appendChild(h('option', {value: reg.name}, reg.name)); });
    // Promotion goes elsewhere: the first other registry, unless there is none.
    const other = registriesCache.filter(function (reg) { return reg.name !== name; })[0];
    if (other) select.value = other.name;
    const kindRadios = dialog.querySelectorAll('input[name="kind"]');
    function syncKind() {
      const oci = t('pull-kind-oci', dialog).checked;
      show(t('pull-registry-fields', dialog), !oci);
      show(t('pull-oci-fields', dialog), oci);
    }
    kindRadios.forEach(function (r) { r.onchange = syncKind; });
    syncKind();
    dialog.onsubmit = async function (e) {
      e.preventDefault();
      show(error, false);
      const targetTag = t('pull-target-tag', dialog).value.trim();
      let to;
      if (t('pull-kind-oci', dialog).checked) {
        const path = t('pull-target-path', dialog).value.trim();
        if (!path) { error.textContent = 'Give the layout directory.'; show(error, true); return; }
        to = 'oci:' + path + (targetTag ? ':' + targetTag : '');
      } else {
        const targetRepo = t('pull-target-repo', dialog).value.trim();
        if (!select.value || !targetRepo) { error.textContent = 'Choose a registry and a repository.'; show(error, true); return; }
        to = select.value + '/' + targetRepo + (targetTag ? ':' + targetTag : '');
      }
      start.disabled = true;
      try {
        const job = await api('POST', '/api/v1/images/pull', {registry: name, repository: repo, tag: tag, to: to});
        show(box, true);
        pollPull(dialog, job.id, to);
      } catch (err) {
        error.textContent = err.message;
        show(error, true);
        start.disabled = false;
      }
    };
    t('pull-close', dialog).onclick = function () { dialog.close(); };
    dialog.onclose = function () { clearTimeout(pullTimer); };
    dialog.showModal();
  }

  function pollPull(dialog, id, to) {
    const bar = t('pull-progress', dialog);
    const status = t('pull-status', dialog);
    status.className = '';
    status.textContent = 'Starting…';
    bar.removeAttribute('value'); // indeterminate until the size is known
    async function tick() {
      let job;
      try {
        job = await api('GET', '/api/v1/images/pull/' + enc(id));
      } catch (err) {
        status.textContent = err.message;
        status.className = 'fail';
        return;
      }
      const total = Number(job.bytesTotal) || 0;
      const done = Number(job.bytesDone) || 0;
      if (total > 0) { bar.max = total; bar.value = Math.min(done, total); }
      if (job.state === 'done') {
        bar.max = 1; bar.value = 1;
        status.className = 'ok';
        status.dataset.state = 'done';
        status.textContent = 'Copied to ' + (job.target || to) + ' (' + formatBytes(done) + ').';
        t('pull-start', dialog).disabled = false;
        return;
      }
      if (job.state === 'failed') {
        status.className = 'fail';
        status.dataset.state = 'failed';
        status.textContent = 'The copy failed: ' + (job.message || 'no reason given');
        t('pull-start', dialog).disabled = false;
        return;
      }
      status.dataset.state = 'running';
      status.textContent = 'Copying… ' + formatBytes(done) + (total ? ' of ' + formatBytes(total) + ' ('
        + Math.floor(done * 100 / total) + ' %)' : '');
      if (dialog.open) pullTimer = setTimeout(tick, 400);
    }
    tick();
  }

  // --------------------------------------------------------------- audit view

  const auditState = {page: 1, size: 50};

  async function renderAudit(view, token) {
    view.appendChild(h('h1', null, 'Audit log'));
    view.appendChild(h('p', {class: 'hint'}, 'Registry changes and deletions, newest first.'));
    const body = h('div');
    view.appendChild(body);
    async function load() {
      const data = await loadInto(body, token, function () {
        return api('GET', '/api/v1/audit' + query({page: auditState.page, size: auditState.size}));
      });
      if (!data) return;
      const total = data.total || 0;
      if (!total) {
        body.appendChild(h('p', {class: 'empty', test: 'audit-empty'}, 'Nothing has been changed yet.'));
        return;
      }
      body.appendChild(h('table', {class: 'grid compact', test: 'audit-table'},
        h('thead', null, h('tr', null, ['Time', 'User', 'Action', 'Target', 'Detail'].map(function (c) { return h('th', {scope: 'col'}, c); }))),
        h('tbody', null, (data.items || []).map(function (a) {
          return h('tr', {test: 'audit-row', 'data-action': a.action},
            h('td', {class: 'nowrap'}, formatTime(a.time)), h('td', null, a.user || '—'), h('td', null, h('span', {class: 'badge'}, a.action)),
            h('td', null, h('code', null, a.target)), h('td', null, a.detail || ''));
        }))));
      if (total > auditState.size) body.appendChild(pager(auditState, total, load, 'audit-pager'));
    }
    await load();
  }

  // ------------------------------------------------------------------ router

  function render() {
    const token = ++renderToken;
    const view = q('#view');
    clear(view);
    const route = parseRoute(location.hash);
    view.dataset.view = route.view;
    document.querySelectorAll('header nav a').forEach(function (a) {
      const current = (route.view === 'search' && a.dataset.test === 'nav-search')
        || (route.view === 'audit' && a.dataset.test === 'nav-audit')
        || (['registries', 'repositories', 'tags', 'detail'].indexOf(route.view) >= 0 && a.dataset.test === 'nav-registries');
      if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    const titles = {registries: 'Registries', search: 'Search', audit: 'Audit log',
      repositories: route.registry, tags: route.repository, detail: route.repository + ':' + route.tag};
    document.title = (titles[route.view] ? titles[route.view] + ' · ' : '') + 'Berth registry browser';
    switch (route.view) {
      case 'registries': return renderRegistries(view, token);
      case 'repositories': return renderRepositories(view, token, route);
      case 'tags': return renderTags(view, token, route);
      case 'detail': return renderDetail(view, token, route);
      case 'search': return renderSearch(view, token);
      case 'audit': return renderAudit(view, token);
      default:
        view.appendChild(h('h1', null, 'Not found'));
        view.appendChild(h('p', {test: 'not-found'}, 'There is no page at ', h('code', null, route.path), '. ',
          h('a', {href: routes.registries()}, 'Go to the registries.')));
    }
  }

  function onRoute() {
    if (Date.now() - flashedAt > 1500) clearFlash();
    render();
  }

  document.addEventListener('DOMContentLoaded', async function () {
    wireLogin();
    wireRegistryForm();
    t('skip-to-content').addEventListener('click', function () { q('#view').focus(); });
    window.addEventListener('hashchange', onRoute);
    t('confirm-cancel').addEventListener('click', function () { q('#confirm-dialog').close(); });
    t('delete-cancel').addEventListener('click', function () { q('#delete-dialog').close(); });
    await loadSession();
    render();
  });
})();
