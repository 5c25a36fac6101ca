import type { Area } from '../../src/access/contract';

/** How each console area is named and where it lives; the server decides which areas a user gets. */
export const AREA_INFO: Record<Area, { label: string; path: string }> = {
  queue: { label: 'Queue', path: '/console/queue' },
  policies: { label: 'Policies', path: '/console/policies' },
  board: { label: 'Board', path: '/console/board' },
  crisis: { label: 'Crisis', path: '/console/crisis' },
  transparency: { label: 'Transparency', path: '/console/transparency' },
  admin: { label: 'Admin', path: '/console/admin' },
};
