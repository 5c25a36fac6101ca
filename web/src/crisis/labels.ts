/** Names a country for the crisis screens: by the names the server knows, else by the standard. */
export type NameOf = (iso3: string | null | undefined) => string;

/** A public figure's role as people read it ("head of government"). */
export const roleLabel = (kind: string | null): string => (kind ? kind.replace(/_/g, ' ') : '—');
