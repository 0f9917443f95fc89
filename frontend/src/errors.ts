/** What a failed request says: the backend's `{"error"}`, or Grafana's message. */
export function errorMessage(e: unknown): string {
  if (typeof e === 'object' && e !== null) {
    const err = e as { data?: { error?: string; message?: string }; message?: string; statusText?: string };
    return err.data?.error ?? err.data?.message ?? err.message ?? err.statusText ?? 'the request failed';
  }
  return String(e);
}
