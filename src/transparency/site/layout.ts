import type { FastifyReply } from 'fastify';
import { html, type Html } from './html.js';

/** The public site's sections, in the order of its navigation bar. */
export const SITE_SECTIONS = [
  { path: '/decisions', label: 'Board decisions' },
  { path: '/recommendations', label: 'Recommendation tracker' },
  { path: '/designations', label: 'Crisis designations' },
  { path: '/statistics', label: 'Statistics' },
  { path: '/dispute-bodies', label: 'Dispute settlement' },
  { path: '/trusted-flaggers', label: 'Trusted flaggers' },
  { path: '/policies', label: 'Policy library' },
  { path: '/log', label: 'Public log' },
] as const;

export interface PageOptions {
  title: string;
  /** The section this page belongs to: its link is marked current. */
  section?: (typeof SITE_SECTIONS)[number]['path'];
  /** A short description for search engines and link previews. */
  description?: string;
  body: Html;
}

/**
 * A whole public page: plain HTML and one stylesheet, no script. Everything on it reads without JavaScript; the
 * forms are GET forms, so a search is a link that can be shared.
 */
export function page(options: PageOptions): string {
  const nav = SITE_SECTIONS.map(
    (s) => html`<a href="${s.path}"${options.section === s.path ? html` aria-current="page"` : ''}>${s.label}</a>`,
  );
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Docket</title>
${options.description ? html`<meta name="description" content="${options.description}">` : ''}
<link rel="stylesheet" href="/site.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-head">
<a class="brand" href="/">Docket</a>
<nav aria-label="Public records">${nav}</nav>
</header>
<main id="main" class="site-main">
${options.body}
</main>
<footer class="site-foot">
<p><a href="/notices/new">Report content</a> you believe is illegal or against the policies: no account needed.</p>
<p>Everything here is also data: the <a href="/api/docs">public API</a> and the <a href="/public/log">signed public log</a>, which anyone can check offline with <code>docket verify --public</code>.</p>
</footer>
</body>
</html>
`.value;
}

/** The public pages run no script at all, so their policy allows none. */
const SITE_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Answers a request with a public page. */
export function sendPage(reply: FastifyReply, markup: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', SITE_SECURITY_POLICY)
    .header('cache-control', 'no-cache')
    .send(markup);
}

/** A public page's "not found" (a 404 with a way back). */
export function notFoundPage(what: string, back: { path: string; label: string }): string {
  return page({
    title: 'Not found',
    body: html`<h1>Not found</h1><p>${what}</p><p><a href="${back.path}">${back.label}</a></p>`,
  });
}

/**
 * A page's answer to a request it cannot take (an address or a form holding what no page reads, a form sent in
 * another encoding, too many requests): the problem in words, and the way back.
 */
export function problemPage(problem: { title: string; detail: string }): string {
  return page({
    title: problem.title,
    body: html`<h1>${problem.title}</h1><p role="alert" class="refusal">${problem.detail.charAt(0).toUpperCase()}${problem.detail.slice(1)}.</p><p><a href="/">Go to the Docket home page</a></p>`,
  });
}

/** The answer to an address that is no page of Docket's: a 404 that says so and leads back to the home page. */
export function pageNotFound(path: string): string {
  const sections = SITE_SECTIONS.map((s) => html`<li><a href="${s.path}">${s.label}</a></li>`);
  return page({
    title: 'Page not found',
    body: html`<h1>Page not found</h1><p>There is no page at <code>${path}</code>. It may have moved, or the address may be mistyped.</p><p><a href="/">Go to the Docket home page</a></p><p>Or open one of the public records:</p><ul>${sections}</ul>`,
  });
}
