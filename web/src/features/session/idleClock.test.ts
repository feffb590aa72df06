// The shared idle clock (idleClock.ts) under fake timers: the warning exactly one minute before the
// deadline, "stay" moving the deadline, the end at the deadline, silent extension of someone typing,
// and the tabs of one browser sharing the clock and the end of the session (storage events).
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useIdleClock, type IdleClock } from './idleClock';

const SEC = 1000;
const MIN = 60 * SEC;
const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const CLOCK_KEY = 'test.clock';
const ENDED_KEY = 'test.ended';

function setup() {
  const onEnded = vi.fn();
  const endOnServer = vi.fn();
  let current: IdleClock | null = null;
  // The server answers the extension: the API listener tells the clock, as in the app.
  const extend = vi.fn(async () => {
    const t = Date.now();
    current!.answered(t, t);
  });
  const hook = renderHook(() => {
    current = useIdleClock({ clockKey: CLOCK_KEY, endedKey: ENDED_KEY, extend, endOnServer, onEnded });
    return current;
  });
  return { ...hook, onEnded, endOnServer, extend };
}

/** Lets the fake clock run `ms` (timers fire on the way) and React settle. */
async function pass(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

/** What another tab of the browser does: writes a key, which fires `storage` here. */
function otherTab(key: string, value: string | null) {
  act(() => {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useIdleClock (15-minute session opened at T0)', () => {
  it('opens the warning exactly one minute before the deadline', async () => {
    const { result } = setup();
    expect(result.current.phase).toBe('active');
    expect(result.current.deadline).toBeNull();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    expect(result.current.deadline).toBe(T0 + 15 * MIN);

    await pass(14 * MIN - 1);
    expect(result.current.phase).toBe('active');
    // The wake-up timer fires at the change of phase (plus 20 ms of slack for late timers).
    await pass(1 + 20);
    expect(result.current.phase).toBe('warning');
    expect(result.current.deadline! - (T0 + 14 * MIN)).toBe(MIN);
  });

  it('"stay signed in" asks the server and moves the deadline a full idle period on', async () => {
    const { result, extend, onEnded } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    await pass(14 * MIN + 30 * SEC);
    expect(result.current.phase).toBe('warning');

    await act(() => result.current.extend());
    expect(extend).toHaveBeenCalledTimes(1);
    expect(result.current.phase).toBe('active');
    expect(result.current.deadline).toBe(T0 + 14 * MIN + 30 * SEC + 15 * MIN);

    // Past the first deadline: still signed in, no warning until a minute before the new one.
    await pass(13 * MIN);
    expect(result.current.phase).toBe('active');
    expect(onEnded).not.toHaveBeenCalled();
    await pass(MIN + 30 * SEC);
    expect(result.current.phase).toBe('warning');
  });

  it('at the deadline, ends the session on the server, here and in the other tabs', async () => {
    const { result, endOnServer, onEnded } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    await pass(15 * MIN - 1);
    expect(onEnded).not.toHaveBeenCalled();
    await pass(1 + 20);
    expect(endOnServer).toHaveBeenCalledTimes(1);
    expect(onEnded).toHaveBeenCalledTimes(1);
    expect(onEnded).toHaveBeenCalledWith('expired');
    expect(result.current.deadline).toBeNull();
    expect(result.current.phase).toBe('active');
    expect(localStorage.getItem(ENDED_KEY)).toMatch(/^expired:\d+$/);
    // Ended once: nothing more happens.
    await pass(60 * MIN);
    expect(onEnded).toHaveBeenCalledTimes(1);
  });

  it('extends silently someone who typed or clicked within the last minute', async () => {
    const { result, extend } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    await pass(13 * MIN + 30 * SEC);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    });
    await pass(31 * SEC);
    expect(extend).toHaveBeenCalledTimes(1);
    expect(result.current.phase).toBe('active');
    // Slid by the request sent at the warning: a full idle period from then.
    expect(result.current.deadline).toBeGreaterThanOrEqual(T0 + 14 * MIN + 15 * MIN);
    expect(result.current.deadline).toBeLessThanOrEqual(T0 + 14 * MIN + 31 * SEC + 15 * MIN);
  });

  it('does not extend someone whose last click is more than a minute old', async () => {
    const { result, extend } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    await pass(12 * MIN);
    act(() => {
      window.dispatchEvent(new Event('pointerdown'));
    });
    await pass(2 * MIN + 20);
    expect(result.current.phase).toBe('warning');
    expect(extend).not.toHaveBeenCalled();
  });

  it('a session read at start-up may have slid a minute before the read', () => {
    const { result } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0 + 100, 'read'));
    expect(result.current.deadline).toBe(T0 - MIN + 15 * MIN);
  });

  it('a 401 or signing out ends it without asking the server again; no session, nothing to end', () => {
    const { result, onEnded, endOnServer } = setup();
    act(() => result.current.end('expired', false));
    expect(onEnded).not.toHaveBeenCalled();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    act(() => result.current.end('expired', false));
    expect(onEnded).toHaveBeenCalledWith('expired');
    expect(endOnServer).not.toHaveBeenCalled();
    expect(localStorage.getItem(ENDED_KEY)).toBeNull();
  });
});

describe('useIdleClock shared by the tabs of the browser', () => {
  it('writes each slide for the other tabs, with the account it belongs to', async () => {
    const { result } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0 + 50, 'opened'));
    expect(JSON.parse(localStorage.getItem(CLOCK_KEY)!)).toEqual({ idleMs: 15 * MIN, slidAt: T0, confirmedAt: T0 + 50, owner: 7 });
    await pass(5 * MIN);
    act(() => result.current.answered(T0 + 5 * MIN, T0 + 5 * MIN + 40));
    expect(JSON.parse(localStorage.getItem(CLOCK_KEY)!)).toMatchObject({ slidAt: T0 + 5 * MIN, owner: 7 });
  });

  it('a request in another tab keeps this one alive: no warning at the old time', async () => {
    const { result, onEnded } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    await pass(10 * MIN);
    otherTab(CLOCK_KEY, JSON.stringify({ idleMs: 15 * MIN, slidAt: T0 + 10 * MIN, confirmedAt: T0 + 10 * MIN + 30, owner: 7 }));
    expect(result.current.deadline).toBe(T0 + 25 * MIN);
    await pass(5 * MIN);
    expect(result.current.phase).toBe('active');
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('an older slide, or the clock of another account, changes nothing', async () => {
    const { result } = setup();
    act(() => result.current.start(7, 15 * 60, T0 + MIN, T0 + MIN, 'opened'));
    otherTab(CLOCK_KEY, JSON.stringify({ idleMs: 15 * MIN, slidAt: T0, confirmedAt: T0, owner: 7 }));
    expect(result.current.deadline).toBe(T0 + 16 * MIN);
    otherTab(CLOCK_KEY, JSON.stringify({ idleMs: 15 * MIN, slidAt: T0 + 5 * MIN, confirmedAt: T0 + 5 * MIN, owner: 8 }));
    expect(result.current.deadline).toBe(T0 + 16 * MIN);
    otherTab(CLOCK_KEY, 'not json');
    expect(result.current.deadline).toBe(T0 + 16 * MIN);
  });

  it('a session read at start-up takes the later slide another tab knows of', () => {
    localStorage.setItem(CLOCK_KEY, JSON.stringify({ idleMs: 15 * MIN, slidAt: T0 - 10 * SEC, confirmedAt: T0 - 9 * SEC, owner: 7 }));
    const { result } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0 + 100, 'read'));
    expect(result.current.deadline).toBe(T0 - 10 * SEC + 15 * MIN);
  });

  it('signing out in another tab ends the session here, without asking the server', () => {
    const { result, onEnded, endOnServer } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    otherTab(ENDED_KEY, `signedOut:${T0 + 1}`);
    expect(onEnded).toHaveBeenCalledWith('signedOut');
    expect(endOnServer).not.toHaveBeenCalled();
    expect(result.current.deadline).toBeNull();
  });

  it('a time-out in another tab ends the session here as expired', () => {
    const { result, onEnded } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    otherTab(ENDED_KEY, `expired:${T0 + 1}`);
    expect(onEnded).toHaveBeenCalledWith('expired');
  });

  it('a tab not signed in ignores the end told by another', () => {
    const { onEnded } = setup();
    otherTab(ENDED_KEY, `signedOut:${T0 + 1}`);
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('signing out here tells the other tabs and forgets the shared clock', () => {
    const { result, onEnded } = setup();
    act(() => result.current.start(7, 15 * 60, T0, T0, 'opened'));
    expect(localStorage.getItem(CLOCK_KEY)).not.toBeNull();
    act(() => result.current.end('signedOut', true));
    expect(onEnded).toHaveBeenCalledWith('signedOut');
    expect(localStorage.getItem(ENDED_KEY)).toMatch(/^signedOut:\d+$/);
    expect(localStorage.getItem(CLOCK_KEY)).toBeNull();
  });
});
