import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { packageRoot } from '../core/paths.js';
import type { FastifyReply } from 'fastify';
import { sendProblem } from './errors.js';
import type { App } from './types.js';

// Reported images and videos come from the platforms' hosts: the case page shows one only when the reviewer clicks
// "Show image" (moderation/ContentPreview.tsx), without a referrer; scripts and connections stay same-origin.
const PAGE_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: https: http:; media-src https: http:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/**
 * The addresses the browser app routes itself (web/src/main.tsx): the home page, sign-in, the public comment form
 * and everything under /console (the console shows its own "not found" for a console address it does not know).
 */
export function isClientRoute(path: string): boolean {
  return (
    path === '/' ||
    path === '/login' ||
    path === '/console' ||
    path.startsWith('/console/') ||
    /^\/board\/cases\/[^/]+\/comment\/?$/.test(path)
  );
}

/**
 * Serves the built browser app (dist/web) and answers its client routes with its index.html, so they load on
 * refresh. Any other address is a 404: a JSON problem under /api (and for other methods), a page saying so
 * otherwise.
 */
export async function installWebApp(
  app: App,
  /** Answers a page address that is neither the app's nor the public site's (the site draws it, in its own style). */
  notFoundPage: (reply: FastifyReply, path: string) => FastifyReply,
): Promise<void> {
  const root = join(packageRoot(), 'dist', 'web');
  const indexPath = join(root, 'index.html');
  const built = existsSync(indexPath);
  if (built) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders: (res, path) => {
        res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const indexHtml = built ? readFileSync(indexPath, 'utf8') : null;

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api';
    if (isApi || request.method !== 'GET') {
      return sendProblem(reply, request, 'not_found', `no route ${request.method} ${path}`);
    }
    if (!isClientRoute(path)) return notFoundPage(reply, path);
    if (!indexHtml) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built. Run `npm run build:web` (npm start does it for you).\n');
    }
    return reply
      .type('text/html')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', PAGE_SECURITY_POLICY)
      .send(indexHtml);
  });
}
