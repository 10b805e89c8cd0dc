import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { issue, rawLedger, task } from '../../tests/helpers/raw-ledger';
import { parseSchemeText, type Scheme } from '../scheme';
import { listSheet } from '../schema';
import { nextId, placeRow } from './edit';

const scheme = (parseSchemeText(readFileSync(new URL('../../templates/考核方案.json', import.meta.url), 'utf8')) as { scheme: Scheme }).scheme;
const options = { scheme, lang: 'zh' as const, today: '2024-07-01' };

describe('nextId', () => {
  it.each<[string, string[], string | undefined, string]>([
    ['issues', [], undefined, 'AJ-001'],
    ['issues', ['AJ-001', 'AJ-007', 'BGS-009', 'AJ-x'], undefined, 'AJ-008'],
    ['tasks', ['AJ-001-01', 'AJ-001-02', 'AJ-002-05'], 'AJ-001', 'AJ-001-03'],
    ['ideas', ['AJ-J01'], undefined, 'AJ-J02'],
    ['plan', [], undefined, 'AJ-P01'],
  ])('%s after %j → %s', (key, existing, issueId, expected) => {
    expect(nextId(listSheet(key as never), 'AJ', existing, issueId)).toBe(expected);
  });
});

describe('placeRow', () => {
  const wb = rawLedger({ issues: [issue()], tasks: [task()] });

  it('places a problem after the last row, typed for Excel; its only finding is the warning that it has no task yet', () => {
    const placed = placeRow(wb, listSheet('issues'), { id: 'AJ-002', category: '工作作风', description: '会议多、文件多', source: '职工提', strong: '否', foundDate: '2024-06-01', cause: '统筹不够', measures: '精简会议', fixType: '限期整改', leader: '赵立新', owner: '王建国', deadline: '2024-08-31', status: '未启动' }, options);
    if ('error' in placed) throw new Error(placed.error);
    expect([placed.row, placed.address, placed.findings.map((f) => [f.code, f.severity])]).toStrictEqual([3, 'A3:T3', [['W_ISSUE_WITHOUT_TASK', 'warning']]]);
    expect(placed.values[0]!.slice(0, 6)).toStrictEqual(['AJ-002', '工作作风', '会议多、文件多', '职工提', '否', 45444]);
    expect(placed.formats[0]![5]).toBe('yyyy-mm-dd');
  });

  it('returns the findings the check reports on the new row', () => {
    const placed = placeRow(wb, listSheet('tasks'), { id: 'AJ-001-02', issueId: 'AJ-009', content: '复核', steps: '逐项复核', owner: '李敏', deadline: '2024-08-01', progress: '150' }, options);
    if ('error' in placed) throw new Error(placed.error);
    expect(placed.findings.map((f) => [f.code, f.cell])).toStrictEqual([
      ['E_TASK_UNKNOWN_ISSUE', 'B3'],
      ['E_NUMBER_RANGE', 'I3'],
    ]);
  });
});
