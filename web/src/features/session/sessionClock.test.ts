import { describe, expect, it } from 'vitest';
import { deadline, merge, onAnswer, phaseAt, startClock, warningAt } from './sessionClock';

const MIN = 60_000;

describe('session clock', () => {
  it('expires idle minutes after signing in, warning one minute before', () => {
    const c = startClock(15 * 60, 1_000, 1_200);
    expect(deadline(c)).toBe(1_000 + 15 * MIN);
    expect(phaseAt(c, 1_000 + 13 * MIN)).toBe('active');
    expect(warningAt(c)).toBe(1_000 + 14 * MIN);
    expect(phaseAt(c, 1_000 + 14 * MIN)).toBe('warning');
    expect(phaseAt(c, 1_000 + 15 * MIN)).toBe('expired');
  });

  it('does not slide on a request the server may not have slid for (less than a minute later)', () => {
    const c = startClock(15 * 60, 0, 100);
    expect(onAnswer(c, 30_000, 30_100)).toEqual(c);
    expect(onAnswer(c, 61_000, 61_100)).toEqual(c); // within the margin: not sure
  });

  it('slides on a request sent more than a minute after the last sure slide, from its send time', () => {
    const c = onAnswer(startClock(15 * 60, 0, 100), 5 * MIN, 5 * MIN + 300);
    expect(deadline(c)).toBe(5 * MIN + 15 * MIN);
    expect(c.confirmedAt).toBe(5 * MIN + 300);
  });

  it('opens the warning only when a request would surely slide the deadline', () => {
    const c = startClock(90, 0, 500); // a 90-second idle timeout
    expect(warningAt(c)).toBe(500 + 63_000);
    expect(phaseAt(c, 40_000)).toBe('active');
  });

  it('keeps the later slide of two tabs', () => {
    const a = startClock(900, 0, 100);
    const b = onAnswer(a, 3 * MIN, 3 * MIN + 50);
    expect(merge(a, b)).toEqual(b);
    expect(merge(b, a)).toEqual(b);
  });
});
