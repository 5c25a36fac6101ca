import type { Area } from '../api';
import { AREA_INFO } from '../areas';
import { AreaGate } from './AreaGate';

/** An area whose capability is not built yet: its heading and an honest empty state. */
export function AreaPage({ area }: { area: Exclude<Area, 'admin' | 'queue' | 'policies' | 'crisis'> }) {
  return (
    <AreaGate area={area}>
      <section>
        <h1>{AREA_INFO[area].label}</h1>
        <p className="empty">{AREA_INFO[area].empty}</p>
      </section>
    </AreaGate>
  );
}
