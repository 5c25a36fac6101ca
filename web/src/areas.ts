import type { Area } from './api';

/** How each console area is named and what it will hold; the server decides which areas a user gets. */
export const AREA_INFO: Record<Area, { label: string; path: string; empty: string }> = {
  queue: {
    label: 'Queue',
    path: '/console/queue',
    empty: 'No cases waiting. Reports pushed by platforms are grouped into cases and appear here, highest risk first.',
  },
  policies: { label: 'Policies', path: '/console/policies', empty: '' },
  board: {
    label: 'Board',
    path: '/console/board',
    empty: 'No board cases yet. Appeals and platform referrals selected by the oversight board appear here with their panels and deadlines.',
  },
  crisis: {
    label: 'Crisis',
    path: '/console/crisis',
    empty: 'No risk signals imported yet. Country risk signals, acute and chronic designations and their reviews appear here.',
  },
  transparency: {
    label: 'Transparency',
    path: '/console/transparency',
    empty: 'Statistics, DSA statement-of-reasons exports and verification of the public log will appear here.',
  },
  admin: { label: 'Admin', path: '/console/admin', empty: '' },
};
