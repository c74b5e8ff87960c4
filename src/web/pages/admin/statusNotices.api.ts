/** Form helpers of the status notices admin page (the API calls are `ep.statusNotices`). */

/** An ISO instant as the value of a `datetime-local` input (the browser's time zone). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (browser time zone) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** "USDT, btc , ,ETH" → ['USDT', 'btc', 'ETH'] (the server normalizes case). */
export const splitList = (value: string): string[] => value.split(/[,，\s]+/).map((v) => v.trim()).filter(Boolean);
