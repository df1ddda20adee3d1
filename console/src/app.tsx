import { useEffect, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { User } from './api/types';
import { Link, matchRoute, useLocation } from './router';
import { FlashArea } from './ui/flash';
import { Page } from './ui/page';
import { routes } from './routes';

/** Okta's Admin Console navigation, where the seed points an admin. */
const NAV: Array<{ section: string; items: Array<{ to: string; label: string }> }> = [
  { section: '', items: [{ to: '/', label: 'Dashboard' }] },
  { section: 'Directory', items: [{ to: '/people', label: 'People' }, { to: '/groups', label: 'Groups' }, { to: '/profile-editor', label: 'Profile Editor' }] },
  { section: 'Security', items: [{ to: '/security/profile-enrollment', label: 'User Profile Policies' }] },
  { section: 'Workflow', items: [{ to: '/workflow/inline-hooks', label: 'Inline Hooks' }, { to: '/workflow/event-hooks', label: 'Event Hooks' }] },
  { section: 'Reports', items: [{ to: '/reports/system-log', label: 'System Log' }] },
  { section: 'Workflows', items: [{ to: '/workflows', label: 'Flows' }, { to: '/workflows/tables', label: 'Tables' }, { to: '/workflows/connections', label: 'Connections' }] },
];

function isCurrent(to: string, path: string): boolean {
  return to === '/' ? path === '/' : path === to || path.startsWith(to + '/');
}

function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';
}

function Nav({ path, onNavigate }: { path: string; onNavigate: () => void }) {
  // Only the most specific item is current (Tables, not also Flows, on /workflows/tables).
  const current = NAV.flatMap((g) => g.items).filter((i) => isCurrent(i.to, path)).sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <nav className="nav" aria-label="Admin Console">
      {NAV.map((group) => (
        <div className="nav-group" key={group.section || 'home'}>
          {group.section ? <h2 className="nav-section">{group.section}</h2> : null}
          <ul>
            {group.items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} onClick={onNavigate} aria-current={item.to === current ? 'page' : undefined}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

export function App() {
  const location = useLocation();
  const [me, setMe] = useState<User>();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    api.get<User>('/api/v1/users/me').then((r) => setMe(r.data), () => undefined);
  }, []);

  const found = matchRoute(routes, location.path);
  let content: ReactNode;
  if (found) content = found.route.render(found.params, location);
  else content = <Page title="Page not found"><p>There is no console page at {location.path}.</p><p><Link to="/">Go to the dashboard</Link></p></Page>;
  const name = me ? [me.profile.firstName, me.profile.lastName].filter(Boolean).join(' ') || me.profile.login : '';

  return (
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip" href="#content">Skip to content</a>
      <header className="topbar">
        <button type="button" className="menu-toggle" aria-expanded={menuOpen} aria-controls="sidebar" onClick={() => setMenuOpen((o) => !o)}>
          <span aria-hidden="true">☰</span> Menu
        </button>
        <Link to="/" className="brand"><span className="brand-mark" aria-hidden="true">T</span> Tollgate <span className="brand-sub">Admin</span></Link>
        <div className="topbar-right">
          <a href="/signin" className="topbar-link">Sign-in page</a>
          {me ? <span className="me" title={me.profile.login}>{name}</span> : null}
          <form method="post" action="/signout" className="signout">
            <input type="hidden" name="csrfToken" value={csrfToken()} />
            <button type="submit" className="btn btn-ghost">Sign out</button>
          </form>
        </div>
      </header>
      <div className="frame">
        <aside id="sidebar" className="sidebar">
          <Nav path={location.path} onNavigate={() => setMenuOpen(false)} />
        </aside>
        <main id="content" className="content" tabIndex={-1}>
          <FlashArea />
          {content}
        </main>
      </div>
    </div>
  );
}
