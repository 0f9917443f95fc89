// Recently asked questions, kept in the browser's local storage per datasource.
const MAX_RECENT = 10;

function key(datasourceUid: string): string {
  return `grafana.askloki.recentQuestions.${datasourceUid}`;
}

export function recentQuestions(datasourceUid: string): string[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key(datasourceUid)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((q): q is string => typeof q === 'string') : [];
  } catch {
    return [];
  }
}

/** Put a question first in the list (once), keeping the newest ten. */
export function rememberQuestion(datasourceUid: string, question: string): string[] {
  const trimmed = question.trim();
  if (!trimmed) {
    return recentQuestions(datasourceUid);
  }
  const list = [trimmed, ...recentQuestions(datasourceUid).filter((q) => q !== trimmed)].slice(0, MAX_RECENT);
  try {
    window.localStorage.setItem(key(datasourceUid), JSON.stringify(list));
  } catch {
    // Storage full or disabled: the list lives for this page only.
  }
  return list;
}
