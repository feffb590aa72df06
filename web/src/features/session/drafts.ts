// What a person typed and has not saved yet, kept in this tab's sessionStorage so that a session
// time-out or a reload loses nothing (RGAA 13.1, UX.md "nothing lost on error or time-out").
// A draft belongs to the user who typed it; signing out deletes them all.
const PREFIX = 'relais.draft.';

interface Stored<T> {
  userId: number;
  savedAt: number;
  value: T;
}

export function saveDraft<T>(key: string, userId: number, value: T) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify({ userId, savedAt: Date.now(), value } satisfies Stored<T>));
  } catch {
    // storage full or refused: the form still works, without the safety net
  }
}

export function loadDraft<T>(key: string, userId: number): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Stored<T>;
    return stored.userId === userId ? stored.value : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string) {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // nothing to do
  }
}

export function clearAllDrafts() {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k?.startsWith(PREFIX)) sessionStorage.removeItem(k);
    }
  } catch {
    // nothing to do
  }
}
