/**
 * The simulated wandb.ai web app: one HTML shell for every route (a single-page app that renders
 * from `/__sim/page-data` and navigates with history.pushState) and the page data behind it.
 * Plain semantic HTML on purpose: the extension must not depend on this markup.
 */
import type { MemberRec, OrgState, TeamRec } from './state';

/** Most rows a members table shows at once; the search box narrows larger orgs. */
export const PAGE_ROW_LIMIT = 500;
const SIDEBAR_TEAM_LIMIT = 20;
const PROJECT = 'quickstart';

type Page =
  | { kind: 'home'; title: string; name: string; teams: string[] }
  | {
      kind: 'members';
      title: string;
      org: string;
      total: number;
      query: string;
      members: MemberRow[];
      invites: { email: string; team: string; role: string; createdAt: string }[];
      teams: string[];
      canManage: boolean;
    }
  | {
      kind: 'org-settings';
      title: string;
      org: string;
      seats: { models: number; usedSeats: number; modelsViewer: number; usedViewOnlySeats: number };
      memberCount: number;
      teamCount: number;
      customRoles: { name: string; inheritedFrom: string; permissions: string[] }[];
    }
  | {
      kind: 'team';
      title: string;
      team: string;
      memberCount: number;
      pendingInvites: number;
      projects: string[];
    }
  | { kind: 'team-settings'; title: string; team: string; rows: TeamRow[] }
  | { kind: 'profile'; title: string; username: string; name: string }
  | { kind: 'project'; title: string; entity: string; project: string }
  | { kind: 'forbidden' | 'not-found'; title: string; message: string };

interface MemberRow {
  username: string;
  name: string;
  email: string;
  role: string;
  modelsSeat: string;
  teams: string[];
  lastActive: string | null;
  status: 'active' | 'deactivated';
  accountType: 'user' | 'service';
}

interface TeamRow {
  username: string | null;
  name: string;
  email: string;
  role: string;
  modelsSeat: string | null;
  weaveAccess: string | null;
  status: 'active' | 'deactivated' | 'invite-pending';
}

export type PageData =
  | { signedIn: false; loginUrl: string }
  | {
      signedIn: true;
      viewer: { username: string; name: string; orgAdmin: boolean };
      org: string;
      teams: string[];
      moreTeams: number;
      project: string;
      page: Page;
    };

function memberRow(state: OrgState, m: MemberRec): MemberRow {
  return {
    username: m.username,
    name: m.name,
    email: m.email,
    role: m.orgRole,
    modelsSeat: m.modelsSeat,
    teams: state.teamsOf(m.username).map((t) => t.name),
    lastActive: m.lastLoginAt,
    status: m.status,
    accountType: m.accountType,
  };
}

function teamRows(state: OrgState, team: TeamRec): TeamRow[] {
  const rows: TeamRow[] = [];
  for (const ms of team.members.values()) {
    const m = state.member(ms.username);
    if (!m) continue;
    rows.push({
      username: m.username,
      name: m.name,
      email: m.email,
      role: ms.role,
      modelsSeat: m.modelsSeat,
      weaveAccess: m.weaveAccess,
      status: m.status,
    });
  }
  for (const inv of state.invitesFor(team.name)) {
    rows.push({
      username: null,
      name: '',
      email: inv.email,
      role: inv.role,
      modelsSeat: null,
      weaveAccess: null,
      status: 'invite-pending',
    });
  }
  return rows;
}

function matches(m: MemberRec, q: string): boolean {
  return (
    m.username.toLowerCase().includes(q) ||
    m.name.toLowerCase().includes(q) ||
    m.email.toLowerCase().includes(q)
  );
}

function pageFor(state: OrgState, viewer: MemberRec, path: string, query: string): Page {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const org = state.org.name;
  const notFound: Page = { kind: 'not-found', title: 'Page not found', message: `Nothing lives at ${path}.` };
  const [a, b, c, ...rest] = segments;
  if (segments.length === 0 || (a === 'home' && segments.length === 1)) {
    return {
      kind: 'home',
      title: 'Home',
      name: viewer.name,
      teams: state.teamsOf(viewer.username).map((t) => t.name),
    };
  }
  const membersPage = (): Page => {
    const q = query.trim().toLowerCase();
    const all = [...state.members.values()];
    const hits = q ? all.filter((m) => matches(m, q)) : all;
    return {
      kind: 'members',
      title: 'Users',
      org,
      total: hits.length,
      query,
      members: hits.slice(0, PAGE_ROW_LIMIT).map((m) => memberRow(state, m)),
      invites: [...state.invites.values()].map((i) => ({
        email: i.email,
        team: i.team,
        role: i.role,
        createdAt: i.createdAt,
      })),
      teams: [...state.teams.keys()],
      canManage: state.isOrgAdmin(viewer),
    };
  };
  const settingsPage = (): Page => ({
    kind: 'org-settings',
    title: 'Organization settings',
    org,
    seats: {
      models: state.org.seats.models,
      modelsViewer: state.org.seats.modelsViewer,
      ...state.seatUsage(),
    },
    memberCount: state.members.size,
    teamCount: state.teams.size,
    customRoles: [...state.customRoles.values()].map((r) => ({
      name: r.name,
      inheritedFrom: r.inheritedFrom,
      permissions: r.permissions,
    })),
  });
  if (a === 'account-settings') {
    if (b !== org || rest.length > 0) return notFound;
    if (c === undefined || c === 'members') return membersPage();
    if (c === 'settings') return settingsPage();
    return notFound;
  }
  // [DOC] API.md §4 (Dedicated/self-managed URLs): `/org/dashboard/` (Users) and `/console/settings/`.
  if (a === 'org' && b === 'dashboard' && c === undefined && !state.teams.has('org')) return membersPage();
  if (a === 'console' && b === 'settings' && c === undefined && !state.teams.has('console'))
    return settingsPage();
  if (a === org && b === 'settings' && c === undefined) return settingsPage();
  if (c !== undefined || a === undefined) return notFound;
  const team = state.teams.get(a);
  if (team) {
    if (!state.canSeeTeam(viewer, team)) {
      return {
        kind: 'forbidden',
        title: 'No access',
        message: `You are not a member of the team ${team.name}.`,
      };
    }
    if (b === undefined) {
      return {
        kind: 'team',
        title: team.name,
        team: team.name,
        memberCount: team.members.size,
        pendingInvites: state.invitesFor(team.name).length,
        projects: [PROJECT],
      };
    }
    if (b === 'settings')
      return {
        kind: 'team-settings',
        title: `${team.name} settings`,
        team: team.name,
        rows: teamRows(state, team),
      };
    return { kind: 'project', title: `${team.name}/${b}`, entity: team.name, project: b };
  }
  const user = state.member(a);
  if (user) {
    if (b === undefined)
      return { kind: 'profile', title: user.username, username: user.username, name: user.name };
    return { kind: 'project', title: `${user.username}/${b}`, entity: user.username, project: b };
  }
  return notFound;
}

/** What the page script renders for `path`; `viewer` is the signed-in member, if any. */
export function pageData(state: OrgState, viewer: MemberRec | null, path: string, query = ''): PageData {
  if (!viewer) return { signedIn: false, loginUrl: `/__sim/login?next=${encodeURIComponent(path)}` };
  const teams = state.teamsOf(viewer.username).map((t) => t.name);
  return {
    signedIn: true,
    viewer: { username: viewer.username, name: viewer.name, orgAdmin: state.isOrgAdmin(viewer) },
    org: state.org.name,
    teams: teams.slice(0, SIDEBAR_TEAM_LIMIT),
    moreTeams: Math.max(0, teams.length - SIDEBAR_TEAM_LIMIT),
    project: PROJECT,
    page: pageFor(state, viewer, path, query),
  };
}

const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1a1c1f; --muted: #5f6670; --panel: #f5f6f7; --line: #e1e3e6;
  --accent: #13a9ba; --accent-fg: #ffffff; --danger: #d3263a; }
@media (prefers-color-scheme: dark) { :root { --bg: #1a1c1f; --fg: #e6e8eb; --muted: #9aa1ab; --panel: #232629;
  --line: #34383d; --accent: #20bdcf; --accent-fg: #101214; --danger: #ff6b7d; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "Source Sans Pro", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--fg); }
a { color: inherit; }
header.topbar { display: flex; align-items: center; gap: 16px; height: 48px; padding: 0 16px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.topbar .logo { font-weight: 700; text-decoration: none; }
header.topbar .who { margin-left: auto; color: var(--muted); }
.layout { display: flex; min-height: calc(100vh - 48px); }
nav.sidebar { width: 220px; flex: none; padding: 12px; border-right: 1px solid var(--line); background: var(--panel); }
nav.sidebar ul { list-style: none; margin: 0 0 12px; padding: 0; }
nav.sidebar li a { display: block; padding: 4px 8px; border-radius: 4px; text-decoration: none; }
nav.sidebar li a[aria-current="page"] { background: var(--line); font-weight: 600; }
nav.sidebar ul.sub { margin: 0 0 4px 12px; font-size: 13px; }
nav.sidebar h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 12px 8px 4px; }
main { flex: 1; padding: 20px 28px; min-width: 0; }
h1 { font-size: 22px; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.toolbar { display: flex; gap: 8px; align-items: center; margin: 12px 0; }
input, select, button { font: inherit; color: inherit; }
input, select { padding: 6px 8px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); }
button { padding: 6px 12px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); cursor: pointer; }
button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
button.danger { color: var(--danger); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 8px; border-bottom: 1px solid var(--line); vertical-align: top; white-space: pre-wrap; }
th { font-size: 12px; color: var(--muted); font-weight: 600; }
td .username { display: block; color: var(--muted); font-size: 12px; }
.menu-wrap { position: relative; }
.menu-wrap [role="menu"] { position: absolute; right: 0; z-index: 2; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 4px; min-width: 160px; }
.menu-wrap [role="menu"] button { display: block; width: 100%; text-align: left; border: 0; }
[role="alert"]:empty, [role="status"]:empty { display: none; }
[role="alert"] { color: var(--danger); margin: 8px 0; }
[role="status"] { color: var(--muted); margin: 8px 0; }
dialog { border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); min-width: 340px; }
dialog label { display: block; margin: 8px 0; }
dialog label input, dialog label select { display: block; width: 100%; margin-top: 4px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { color: var(--muted); }
`;

// The page script: renders every value with textContent (member names contain HTML on purpose).
const SCRIPT = `
(function () {
  'use strict';
  var main = document.getElementById('app');
  var nav = document.getElementById('nav');
  var who = document.getElementById('who');
  var searchTimer = null;

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (attrs[k] === false || attrs[k] == null) return;
      if (k === 'onclick' || k === 'oninput' || k === 'onsubmit') el.addEventListener(k.slice(2), attrs[k]);
      else el.setAttribute(k, attrs[k] === true ? '' : String(attrs[k]));
    });
    (children || []).forEach(function (c) {
      if (c == null) return;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return el;
  }
  function navLink(href, label) { return h('a', { href: href, 'data-nav': true }, [label]); }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function day(iso) { return iso ? iso.slice(0, 10) : '-'; }
  function seatLabel(s) { return s === 'full' ? 'Full' : s === 'viewer' ? 'Viewer' : s === 'no-access' ? 'No access' : (s || '-'); }

  function getData(path, q) {
    var url = '/__sim/page-data?path=' + encodeURIComponent(path) + (q ? '&q=' + encodeURIComponent(q) : '');
    return fetch(url, { credentials: 'same-origin' }).then(function (r) { return r.json(); });
  }
  function post(url, body) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); });
  }
  function go(path) { history.pushState(null, '', path); render(); }

  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a[data-nav]') : null;
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(a.getAttribute('href'));
  });
  window.addEventListener('popstate', function () { render(); });

  function renderNav(d) {
    clear(nav);
    var here = location.pathname;
    function item(href, label) {
      var a = navLink(href, label);
      if (href === here) a.setAttribute('aria-current', 'page');
      return h('li', null, [a]);
    }
    nav.appendChild(h('ul', null, [
      item('/home', 'Home'),
      item('/account-settings/' + d.org + '/members', 'Members'),
      item('/account-settings/' + d.org + '/settings', 'Settings'),
    ]));
    nav.appendChild(h('h2', null, ['Teams']));
    var ul = h('ul');
    d.teams.forEach(function (t) {
      var li = item('/' + t, t);
      li.appendChild(h('ul', { class: 'sub' }, [item('/' + t + '/settings', 'Team settings'), item('/' + t + '/' + d.project, d.project)]));
      ul.appendChild(li);
    });
    if (d.moreTeams > 0) ul.appendChild(h('li', null, ['and ' + d.moreTeams + ' more teams']));
    nav.appendChild(ul);
  }

  function table(headers, rows) {
    return h('table', null, [
      h('thead', null, [h('tr', null, headers.map(function (x) { return h('th', { scope: 'col' }, [x]); }))]),
      h('tbody', null, rows),
    ]);
  }

  function membersTable(d, p, alertBox) {
    var headers = ['Name', 'Email', 'Role', 'Models seat', 'Teams', 'Last active'];
    if (p.canManage) headers.push('Actions');
    var rows = p.members.map(function (m) {
      var last = m.status === 'deactivated' ? 'Deactivated' : m.accountType === 'service' ? 'Service account' : day(m.lastActive);
      var cells = [
        h('td', null, [m.name, h('span', { class: 'username' }, [m.username])]),
        h('td', null, [m.email]),
        h('td', null, [m.role]),
        h('td', null, [seatLabel(m.modelsSeat)]),
        h('td', null, [m.teams.join(', ')]),
        h('td', null, [last]),
      ];
      if (p.canManage) {
        var menu = h('div', { role: 'menu', hidden: true }, []);
        var toggle = h('button', { type: 'button', 'aria-label': 'Actions for ' + m.username, 'aria-haspopup': 'menu', 'aria-expanded': 'false' }, ['\\u2026']);
        toggle.addEventListener('click', function () {
          var open = menu.hidden;
          menu.hidden = !open;
          toggle.setAttribute('aria-expanded', String(open));
        });
        menu.appendChild(h('button', { type: 'button', role: 'menuitem', class: 'danger', onclick: function () {
          menu.hidden = true;
          toggle.setAttribute('aria-expanded', 'false');
          if (!window.confirm('Remove ' + m.name + ' (' + m.username + ') from ' + d.org + '? They lose access at once.')) return;
          post('/__sim/ui/remove-member', { username: m.username }).then(function (r) {
            if (!r.ok) { alertBox.textContent = r.body.error || 'Could not remove the member.'; return; }
            render();
          });
        } }, ['Remove member']));
        cells.push(h('td', null, [h('div', { class: 'menu-wrap' }, [toggle, menu])]));
      }
      return h('tr', null, cells);
    });
    return table(headers, rows);
  }

  function inviteDialog(d, p, statusBox) {
    var err = h('div', { role: 'alert' });
    var email = h('input', { name: 'email', required: true, autocomplete: 'off' });
    var team = h('select', { name: 'team' }, p.teams.map(function (t) { return h('option', { value: t }, [t]); }));
    var role = h('select', { name: 'role' }, [h('option', { value: 'member' }, ['Member']), h('option', { value: 'admin' }, ['Admin']), h('option', { value: 'view-only' }, ['View-Only'])]);
    var dialog = h('dialog', { 'aria-labelledby': 'invite-title' });
    var form = h('form', { method: 'dialog' }, [
      h('h2', { id: 'invite-title' }, ['Invite new user']),
      h('label', null, ['Email or username', email]),
      h('label', null, ['Team', team]),
      h('label', null, ['Role', role]),
      err,
      h('div', { class: 'toolbar' }, [
        h('button', { type: 'button', onclick: function () { dialog.close(); } }, ['Cancel']),
        h('button', { type: 'submit', class: 'primary' }, ['Send invite']),
      ]),
    ]);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      err.textContent = '';
      post('/__sim/ui/invite', { email: email.value, team: team.value, role: role.value }).then(function (r) {
        if (!r.ok) { err.textContent = r.body.error || 'The invite failed.'; return; }
        dialog.close();
        render().then(function () {
          var s = document.querySelector('[role="status"]');
          if (s) s.textContent = 'Invite sent to ' + r.body.invite.email + ' for ' + r.body.invite.team + '.';
        });
      });
    });
    dialog.appendChild(form);
    return dialog;
  }

  function renderMembers(d, p) {
    var alertBox = h('div', { role: 'alert' });
    var statusBox = h('div', { role: 'status' });
    var tableBox = h('div');
    var count = h('p', { class: 'sub' });
    function fill(data) {
      clear(tableBox);
      tableBox.appendChild(membersTable(d, data, alertBox));
      count.textContent = data.total > data.members.length
        ? 'Showing ' + data.members.length + ' of ' + data.total + ' users'
        : data.total + (data.total === 1 ? ' user' : ' users');
    }
    // Filters as you type; only the answer to the latest query is shown (an older one can arrive later).
    var searchSeq = 0;
    var search = h('input', { type: 'search', 'aria-label': 'Search users', placeholder: 'Search users', value: p.query });
    search.addEventListener('input', function () {
      clearTimeout(searchTimer);
      var mine = ++searchSeq;
      searchTimer = setTimeout(function () {
        getData(location.pathname, search.value).then(function (nd) { if (nd.signedIn && mine === searchSeq) fill(nd.page); });
      }, 150);
    });
    var tools = [search];
    var dialog = null;
    if (p.canManage) {
      dialog = inviteDialog(d, p, statusBox);
      tools.push(h('button', { type: 'button', class: 'primary', onclick: function () { dialog.showModal(); } }, ['Invite new user']));
    }
    main.appendChild(h('h1', null, ['Users']));
    main.appendChild(h('p', { class: 'sub' }, [p.org]));
    main.appendChild(h('div', { class: 'toolbar' }, tools));
    main.appendChild(alertBox);
    main.appendChild(statusBox);
    main.appendChild(count);
    main.appendChild(tableBox);
    fill(p);
    if (p.invites.length) {
      main.appendChild(h('h2', null, ['Pending invites']));
      main.appendChild(table(['Email', 'Team', 'Role', 'Invited'], p.invites.map(function (i) {
        return h('tr', null, [h('td', null, [i.email]), h('td', null, [i.team]), h('td', null, [i.role]), h('td', null, [day(i.createdAt)])]);
      })));
    }
    if (dialog) main.appendChild(dialog);
  }

  function renderPage(d) {
    var p = d.page;
    document.title = p.title + ' - Weights & Biases';
    if (p.kind === 'members') return renderMembers(d, p);
    if (p.kind === 'home') {
      main.appendChild(h('h1', null, ['Home']));
      main.appendChild(h('p', { class: 'sub' }, ['Welcome, ' + p.name]));
      main.appendChild(h('h2', null, ['Your teams']));
      main.appendChild(h('ul', null, p.teams.map(function (t) { return h('li', null, [navLink('/' + t, t)]); })));
      return;
    }
    if (p.kind === 'org-settings') {
      main.appendChild(h('h1', null, ['Organization settings']));
      main.appendChild(h('p', { class: 'sub' }, [p.org]));
      main.appendChild(h('dl', { class: 'facts' }, [
        h('dt', null, ['Members']), h('dd', null, [String(p.memberCount)]),
        h('dt', null, ['Teams']), h('dd', null, [String(p.teamCount)]),
        h('dt', null, ['Models seats (Full)']), h('dd', null, [p.seats.usedSeats + ' of ' + p.seats.models + ' used']),
        h('dt', null, ['Models seats (Viewer)']), h('dd', null, [p.seats.usedViewOnlySeats + ' of ' + p.seats.modelsViewer + ' used']),
      ]));
      main.appendChild(h('h2', null, ['Roles']));
      main.appendChild(table(['Custom role', 'Inherits from', 'Permissions'], p.customRoles.map(function (r) {
        return h('tr', null, [h('td', null, [r.name]), h('td', null, [r.inheritedFrom]), h('td', null, [r.permissions.join(', ')])]);
      })));
      return;
    }
    if (p.kind === 'team') {
      main.appendChild(h('h1', null, [p.team]));
      main.appendChild(h('p', { class: 'sub' }, [p.memberCount + ' members, ' + p.pendingInvites + ' pending invites']));
      main.appendChild(h('p', null, [navLink('/' + p.team + '/settings', 'Team settings')]));
      main.appendChild(h('h2', null, ['Projects']));
      main.appendChild(h('ul', null, p.projects.map(function (x) { return h('li', null, [navLink('/' + p.team + '/' + x, x)]); })));
      return;
    }
    if (p.kind === 'team-settings') {
      main.appendChild(h('h1', null, [p.team]));
      main.appendChild(h('p', { class: 'sub' }, ['Team settings: Users']));
      main.appendChild(table(['Name', 'Email', 'Team role', 'Models seat', 'Weave access', 'Status'], p.rows.map(function (r) {
        var status = r.status === 'invite-pending' ? 'Invite pending' : r.status === 'deactivated' ? 'Deactivated' : 'Active';
        return h('tr', null, [
          h('td', null, [r.name, r.username ? h('span', { class: 'username' }, [r.username]) : null]),
          h('td', null, [r.email]), h('td', null, [r.role]), h('td', null, [seatLabel(r.modelsSeat)]),
          h('td', null, [seatLabel(r.weaveAccess)]), h('td', null, [status]),
        ]);
      })));
      return;
    }
    if (p.kind === 'profile') {
      main.appendChild(h('h1', null, [p.name]));
      main.appendChild(h('p', { class: 'sub' }, [p.username]));
      return;
    }
    if (p.kind === 'project') {
      main.appendChild(h('h1', null, [p.entity + ' / ' + p.project]));
      main.appendChild(h('p', { class: 'sub' }, ['Project']));
      main.appendChild(table(['Run', 'State', 'User', 'Created'], []));
      main.appendChild(h('p', null, ['No runs in this simulated project.']));
      return;
    }
    main.appendChild(h('h1', null, [p.title]));
    main.appendChild(h('p', null, [p.message]));
  }

  function render() {
    if (location.pathname === '/') history.replaceState(null, '', '/home');
    return getData(location.pathname, '').then(function (d) {
      clear(main);
      if (!d.signedIn) {
        clear(nav);
        who.textContent = '';
        document.title = 'Sign in - Weights & Biases';
        main.appendChild(h('h1', null, ['Sign in']));
        main.appendChild(h('p', null, [h('a', { href: d.loginUrl }, ['Sign in'])]));
        return;
      }
      who.textContent = d.viewer.name + ' (' + d.viewer.username + ')';
      renderNav(d);
      renderPage(d);
    });
  }
  render();
})();
`;

/** The HTML shell served for every app route. */
export function appShell(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Weights &amp; Biases</title>
<style>${STYLE}</style>
</head>
<body>
<header class="topbar"><a class="logo" href="/home" data-nav>Weights &amp; Biases</a><span class="who" id="who"></span></header>
<div class="layout">
<nav class="sidebar" id="nav" aria-label="Main"></nav>
<main id="app" aria-live="polite"></main>
</div>
<script>${SCRIPT}</script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `/__sim/login` without a user: a small form that asks for one. */
export function loginPage(next: string, message?: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in - Weights &amp; Biases (simulator)</title>
<style>${STYLE} main { max-width: 420px; margin: 48px auto; }</style></head>
<body><main>
<h1>Sign in to the W&amp;B simulator</h1>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="get" action="/__sim/login">
<label>Username <input name="user" autocomplete="username" required></label>
<input type="hidden" name="next" value="${escapeHtml(next)}">
<p><button class="primary" type="submit">Sign in</button></p>
</form>
</main></body></html>`;
}
