// The rules that judge what a database shows after a crash (workload.mjs), on made-up lineages:
// the crash tests pass only if these rules can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { householdWrite, judge } from './workload.mjs';

// A lineage of writes to one household, with the given statuses.
function lineage(...statuses) {
  return statuses.map((status, i) => {
    const { marker, expected } = householdWrite({ run: 'test0', writer: 1, seq: i + 1, reference: 'CR-test0-1-1', dwellingId: 7 });
    return { marker, expected, status };
  });
}
const seenAs = (w) => [structuredClone(w.expected)];

test('the last acknowledged write, or an in-doubt one after it, is what may be seen', () => {
  const ws = lineage('acked', 'acked', 'in-doubt', 'in-doubt');
  assert.equal(judge(ws, seenAs(ws[1])).verdict, 'ok');
  assert.equal(judge(ws, seenAs(ws[2])).verdict, 'ok');
  assert.equal(judge(ws, seenAs(ws[3])).verdict, 'ok');
});

test('an older version back, or the household missing, is a lost write', () => {
  const ws = lineage('acked', 'in-doubt', 'acked');
  assert.equal(judge(ws, seenAs(ws[0])).verdict, 'lost');
  assert.equal(judge(ws, seenAs(ws[1])).verdict, 'lost'); // in doubt, but before the acknowledged one
  assert.equal(judge(ws, []).verdict, 'lost');
});

test('an unacknowledged creation may be missing, but whole when seen', () => {
  const ws = lineage('in-doubt');
  assert.equal(judge(ws, []).verdict, 'ok');
  assert.equal(judge(ws, seenAs(ws[0])).verdict, 'ok');
  const torn = seenAs(ws[0]);
  torn[0].phones = torn[0].phones.slice(1);
  torn[0].members = torn[0].members.slice(0, 1);
  assert.equal(judge(ws, torn).verdict, 'half');
});

test('parts of two writes, a version nobody wrote, or a refused write seen are half-visible', () => {
  const ws = lineage('acked', 'acked', 'refused');
  const mixed = seenAs(ws[1]);
  mixed[0].members[0] = ws[0].expected.members[0];
  assert.equal(judge(ws, mixed).verdict, 'half');
  const foreign = seenAs(ws[1]);
  foreign[0].notes = 'ktest0w9s9';
  assert.equal(judge(ws, foreign).verdict, 'half');
  assert.equal(judge(ws, seenAs(ws[2])).verdict, 'half');
  const noLease = seenAs(ws[1]);
  noLease[0].lease = '';
  assert.equal(judge(ws, noLease).verdict, 'half');
});

test('a household twice, or its rows twice, is duplicated', () => {
  const ws = lineage('acked', 'acked');
  assert.equal(judge(ws, [...seenAs(ws[1]), ...seenAs(ws[1])]).verdict, 'duplicated');
  const doubled = seenAs(ws[1]);
  doubled[0].members.push(doubled[0].members.at(-1));
  assert.equal(judge(ws, doubled).verdict, 'duplicated');
});
