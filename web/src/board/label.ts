/** A stored value as words: `platform_reversed` reads "platform reversed"; nothing reads "—". */
export const label = (value: string | null | undefined): string => (value ? value.replace(/_/g, ' ') : '—');
