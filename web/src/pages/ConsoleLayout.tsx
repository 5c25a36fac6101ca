import { Navigate, NavLink, Outlet, useNavigate } from 'react-router';
import { AREA_INFO } from '../areas';
import { useSession } from '../session';
import { ChangePasswordPage } from './ChangePasswordPage';

const SIDENAV_GROUP = { display: 'flex', flexDirection: 'column', gap: '0.25rem' } as const;

/** The signed-in frame: header, the areas this user may open, and the page. */
export function ConsoleLayout() {
  const { session, signOut } = useSession();
  const navigate = useNavigate();

  if (session === undefined) return <p className="loading">Loading…</p>;
  if (session === null) return <Navigate to="/login" replace />;

  return (
    <div className="console">
      <header className="topbar">
        <span className="brand">Docket</span>
        <span className="who">
          {session.user.displayName}
          <button
            type="button"
            className="secondary"
            onClick={async () => {
              // Leave the console first: once the session is gone its guard would send us to the login page.
              navigate('/');
              await signOut();
            }}
          >
            Sign out
          </button>
        </span>
      </header>
      {session.mustChangePassword ? (
        <ChangePasswordPage />
      ) : (
        <div className="console-body">
          <div className="sidenav">
            <nav aria-label="Console" style={SIDENAV_GROUP}>
              {session.areas.map((area) => (
                <NavLink key={area} to={AREA_INFO[area].path}>
                  {AREA_INFO[area].label}
                </NavLink>
              ))}
            </nav>
            {session.areas.includes('queue') && (
              <nav aria-label="Reviewer tools" style={{ ...SIDENAV_GROUP, marginTop: '1rem' }}>
                <NavLink to="/console/search">Search</NavLink>
                <NavLink to="/console/queue/templates">Notice templates</NavLink>
              </nav>
            )}
          </div>
          <main className="content">
            <Outlet />
          </main>
        </div>
      )}
    </div>
  );
}

export function ConsoleHome() {
  const { session } = useSession();
  const first = session?.areas[0];
  if (!first) return <p className="empty">Your account has no console areas. Ask an administrator for a role.</p>;
  return <Navigate to={AREA_INFO[first].path} replace />;
}
