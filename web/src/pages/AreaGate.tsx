import type { ReactNode } from 'react';
import type { Area } from '../../../src/access/contract';
import { AREA_INFO } from '../areas';
import { useSession } from '../session';

/** A page of an area the user may not open says so instead of showing it (the API refuses it anyway). */
export function AreaGate({ area, children }: { area: Area; children: ReactNode }) {
  const { session } = useSession();
  if (!session?.areas.includes(area)) {
    return (
      <section>
        <h1>{AREA_INFO[area].label}</h1>
        <p className="alert">You do not have access to this area.</p>
      </section>
    );
  }
  return <>{children}</>;
}
