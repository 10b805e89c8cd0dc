/** A complete, valid section ledger for fillLedger: what a careful section head submits. */
import type { LedgerContent } from '../../core/xlsx/fill';
import type { Scheme } from '../../core/scheme';

export function sampleLedger(scheme: Scheme): LedgerContent {
  return {
    info: { section: '安全监管股', head: '王建国', contact: '李敏', phone: '0734-4321001', period: '2024-06', asOf: { date: '2024-06-30' } },
    issues: [
      {
        id: 'AJ-001', category: '工作作风', description: '下矿检查发现的问题跟踪不及时，存在“查而不改”现象', source: '自己找', strong: '否',
        foundDate: { date: '2024-05-10' }, cause: '跟踪制度不健全，责任不明确', measures: '建立问题跟踪台账，每周更新，逐项销号',
        fixType: '限期整改', leader: '赵立新', owner: '王建国', deadline: { date: '2024-08-31' }, status: '整改中',
      },
      {
        id: 'AJ-002', category: '服务企业', description: '煤矿企业反映办理安全许可材料多、跑路多', source: '电话投诉', strong: '是',
        foundDate: { date: '2024-05-12' }, cause: '审批环节未精简', measures: '精简材料清单，推行一次告知、网上预审',
        fixType: '立行立改', leader: '赵立新', owner: '李敏', deadline: { date: '2024-06-10' }, status: '已销号',
        doneDate: { date: '2024-06-08' }, result: '材料由 12 项减为 7 项，企业跑路次数由 3 次减为 1 次', evidence: '精简后材料清单.pdf', verifier: '刘强',
      },
      {
        id: 'AJ-003', category: '理论武装', description: '个别同志学习笔记不全，学用结合不够', source: '上级点', strong: '否',
        foundDate: { date: '2024-05-20' }, cause: '学习计划执行不严', measures: '每月检查学习笔记，开展一次交流研讨',
        fixType: '持续整改', leader: '赵立新', owner: '张华', deadline: { date: '2024-12-31' }, status: '整改中',
        extendedTo: null, note: '<b>按季度</b>检查',
      },
    ],
    tasks: [
      { id: 'AJ-001-01', issueId: 'AJ-001', content: '设计问题跟踪台账', steps: '明确字段与更新频次', owner: '王建国', helpers: '李敏', startDate: { date: '2024-05-15' }, deadline: { date: '2024-06-15' }, progress: 100, statusText: '已完成台账设计', evidence: '台账模板.xlsx' },
      { id: 'AJ-001-02', issueId: 'AJ-001', content: '每周更新并通报', steps: '每周五更新，月底通报', owner: '王建国', deadline: { date: '2024-08-31' }, progress: 40 },
      { id: 'AJ-002-01', issueId: 'AJ-002', content: '精简许可材料清单', steps: '对照法规逐项梳理', owner: '李敏', deadline: { date: '2024-06-10' }, progress: 100, evidence: '材料清单.pdf' },
      { id: 'AJ-003-01', issueId: 'AJ-003', content: '检查学习笔记', steps: '每月末检查并通报', owner: '张华', deadline: { date: '2024-12-31' }, progress: 30, note: "=cmd|' /C calc'!A0" },
    ],
    selfAssessment: Object.fromEntries(scheme.indicators.map((i) => [i.id, { selfScore: Math.max(0, i.points - 1), explanation: '对照评分标准逐项自查', evidence: '自查记录' }])),
    ideas: [{ id: 'AJ-J01', content: '建立煤矿企业服务微信群，及时答复企业咨询', proposer: '李敏', date: { date: '2024-06-03' } }],
    plan: [{ id: 'AJ-P01', item: '开展作风整顿', content: '对照问题清单开展作风整顿，每月小结', owner: '王建国', deadline: { date: '2024-09-30' }, progress: '推进中' }],
  };
}
