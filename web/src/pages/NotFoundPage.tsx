import { Link, useLocation } from 'react-router';

/** An address the app does not know (the server answers 404 for those outside the console): say so, and lead on. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  const inConsole = pathname.startsWith('/console');
  return (
    <main className="public-main">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. It may have moved, or the address may be mistyped.
      </p>
      <p>
        {inConsole ? <Link to="/console">Go to the console</Link> : null}
        {inConsole ? ' · ' : null}
        <Link to="/">Go to the Docket home page</Link>
      </p>
    </main>
  );
}
