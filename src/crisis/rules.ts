/**
 * The crisis detector's rules (DOMAIN.md section 3), as pure functions over weekly counts. Every number is
 * configuration; the defaults are DOMAIN.md's.
 */
export interface CrisisRules {
  /** Weeks in the baseline history, and recent weeks left out of it. */
  historyWeeks: number;
  recentWeeks: number;
  zThreshold: number;
  poissonQuantile: number;
  minimumCount: number;
  cusumWeeks: number;
  cusumK: number;
  cusumH: number;
  chronicWeeks: number;
  chronicPercentile: number;
  chronicMinimumMedian: number;
}

export const DEFAULT_CRISIS_RULES: CrisisRules = {
  historyWeeks: 52,
  recentWeeks: 4,
  zThreshold: 3,
  poissonQuantile: 0.99,
  minimumCount: 5,
  cusumWeeks: 8,
  cusumK: 0.5,
  cusumH: 5,
  chronicWeeks: 52,
  chronicPercentile: 90,
  chronicMinimumMedian: 1,
};

/** Weeks the detector looks at: the recent ones plus the history before them. */
export const weeksNeeded = (rules: CrisisRules): number =>
  Math.max(rules.recentWeeks + rules.historyWeeks, rules.chronicWeeks, rules.cusumWeeks);

// ---- events --------------------------------------------------------------------------------------------------

const POLITICAL_VIOLENCE_TYPES = new Set([
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Riots',
]);
const POLITICAL_VIOLENCE_SUB_TYPES = new Set(['Excessive force against protesters', 'Arrests']);

/** ACLED conventions: which events are political violence, and which of those are state repression. */
export function classifyEvent(event: {
  eventType: string;
  subEventType: string;
  actor1: string;
  inter1?: string | undefined;
}): { politicalViolence: boolean; stateRepression: boolean } {
  const politicalViolence =
    POLITICAL_VIOLENCE_TYPES.has(event.eventType) || POLITICAL_VIOLENCE_SUB_TYPES.has(event.subEventType);
  const stateActor =
    event.actor1.startsWith('Military Forces of') ||
    event.actor1.startsWith('Police Forces of') ||
    event.inter1 === '1';
  return { politicalViolence, stateRepression: politicalViolence && stateActor };
}

const DAY_MS = 86_400_000;

/** Week index counted back from the as-of day: 0 is the 7 days ending on it; null after it. */
export function weekIndex(dayUtcMs: number, asOfUtcMs: number): number | null {
  if (dayUtcMs > asOfUtcMs) return null;
  return Math.floor((asOfUtcMs - dayUtcMs) / DAY_MS / 7);
}

// ---- statistics ----------------------------------------------------------------------------------------------

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The p-th percentile (0-100) with linear interpolation between closest ranks (the common "type 7" definition). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

/** The smallest k whose Poisson(λ) cumulative probability reaches q, computed in log space (large λ safe). */
export function poissonQuantile(lambda: number, q: number): number {
  if (lambda <= 0) return 0;
  let logPmf = -lambda;
  let logCdf = logPmf;
  const logQ = Math.log(q);
  for (let k = 0; k < 10 * lambda + 100; k++) {
    if (logCdf >= logQ) return k;
    logPmf += Math.log(lambda) - Math.log(k + 1);
    logCdf = logCdf + Math.log1p(Math.exp(logPmf - logCdf));
  }
  return Math.ceil(lambda + 10 * Math.sqrt(lambda));
}

// ---- acute ---------------------------------------------------------------------------------------------------

export interface AcuteAssessment {
  flag: boolean;
  /** The last week's first day (ISO date). */
  week: string;
  observed: number;
  baseline: number;
  scale: number;
  z: number;
  /** The count the last week had to exceed (z above the threshold, above the Poisson quantile, at least the minimum). */
  threshold: number;
  /** The highest CUSUM of standardised counts over the last weeks; above h it is a sustained rise. */
  cusum: number;
  spike: boolean;
  sustainedRise: boolean;
}

/**
 * A spike above the place's own baseline. `weekly[0]` is the last week. History is the `historyWeeks` before the
 * last `recentWeeks`; baseline its median; scale max(1, 1.4826·MAD, √baseline). The last week flags when its robust
 * z exceeds the threshold AND it exceeds the Poisson quantile of the history's mean AND it reaches the minimum
 * count; a CUSUM over the last weeks above h (a sustained rise) flags as well.
 */
export function assessAcute(weekly: readonly number[], lastWeekStart: string, rules: CrisisRules): AcuteAssessment {
  const history = weekly.slice(rules.recentWeeks, rules.recentWeeks + rules.historyWeeks);
  while (history.length < rules.historyWeeks) history.push(0);
  const baseline = median(history);
  const mad = median(history.map((h) => Math.abs(h - baseline)));
  const scale = Math.max(1, 1.4826 * mad, Math.sqrt(baseline));
  const mean = history.reduce((sum, h) => sum + h, 0) / history.length;
  const poisson = poissonQuantile(mean, rules.poissonQuantile);
  const observed = weekly[0] ?? 0;
  const z = (observed - baseline) / scale;
  const spike = z > rules.zThreshold && observed > poisson && observed >= rules.minimumCount;
  let running = 0;
  let cusum = 0;
  for (let w = rules.cusumWeeks - 1; w >= 0; w--) {
    running = Math.max(0, running + ((weekly[w] ?? 0) - baseline) / scale - rules.cusumK);
    cusum = Math.max(cusum, running);
  }
  const sustainedRise = cusum > rules.cusumH;
  return {
    flag: spike || sustainedRise,
    week: lastWeekStart,
    observed,
    baseline,
    scale: round(scale),
    z: round(z),
    threshold: Math.max(Math.floor(baseline + rules.zThreshold * scale), poisson, rules.minimumCount - 1),
    cusum: round(cusum),
    spike,
    sustainedRise,
  };
}

// ---- chronic -------------------------------------------------------------------------------------------------

export type CivicSpace = 'open' | 'narrowed' | 'obstructed' | 'repressed' | 'closed';

export interface ChronicAssessment {
  flag: boolean;
  /** Median weekly state-repression events over the last weeks (per million people when populations are known). */
  rate: number;
  /** Where the rate stands among all places, 0-100 (mid-rank). */
  percentile: number;
  /** Of the last weeks, how many put the place in the top decile of all places that week. */
  weeks_in_top_decile: number;
  civic_space: CivicSpace | null;
  threshold: number;
  medianWeekly: number;
  byRate: boolean;
  byCivicSpace: boolean;
}

/**
 * A persistently high level of state violence compared with other places: the place's rate is at or above the
 * chosen percentile of all places' rates AND its median weekly count is at least the minimum; OR its civic space
 * is rated repressed or closed.
 */
export function assessChronic(
  place: { weekly: readonly number[]; perMillion: number | null; civicSpace: CivicSpace | null },
  all: { rates: readonly number[]; weeklyThresholds: readonly number[] },
  rules: CrisisRules,
): ChronicAssessment {
  const recent = place.weekly.slice(0, rules.chronicWeeks);
  const medianWeekly = median(recent);
  const rate = place.perMillion === null ? medianWeekly : medianWeekly / place.perMillion;
  const threshold = percentile(all.rates, rules.chronicPercentile);
  const below = all.rates.filter((r) => r < rate).length;
  const equal = all.rates.filter((r) => r === rate).length;
  const rank = all.rates.length ? (100 * (below + equal / 2)) / all.rates.length : 0;
  const scaled = (count: number) => (place.perMillion === null ? count : count / place.perMillion);
  const weeksInTopDecile = recent.filter(
    (count, w) => count > 0 && scaled(count) >= (all.weeklyThresholds[w] ?? Infinity),
  ).length;
  const byRate = rate >= threshold && medianWeekly >= rules.chronicMinimumMedian;
  const byCivicSpace = place.civicSpace === 'repressed' || place.civicSpace === 'closed';
  return {
    flag: byRate || byCivicSpace,
    rate: round(rate),
    percentile: round(rank),
    weeks_in_top_decile: weeksInTopDecile,
    civic_space: place.civicSpace,
    threshold: round(threshold),
    medianWeekly,
    byRate,
    byCivicSpace,
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
