/**
 * Synthetic but realistic section ledgers, deterministic for a seed: the benchmark's and (later)
 * the demo's submissions. Themes follow the campaign: learning, discipline, service to coal-mining
 * companies, efficiency.
 */
import type { Scheme, Section } from '../../core/scheme';
import type { FillValue, LedgerContent } from '../../core/xlsx/fill';

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROBLEMS: ReadonlyArray<[category: string, description: string, cause: string, measures: string]> = [
  ['理论武装', '集中学习走过场，学习笔记不全', '学习计划执行不严，督促检查不够', '每月检查学习笔记，开展交流研讨'],
  ['工作作风', '下矿检查发现的问题跟踪不及时', '跟踪制度不健全，责任不明确', '建立问题跟踪台账，每周更新销号'],
  ['服务企业', '煤矿企业办理事项材料多、跑路多', '审批环节未精简，信息不共享', '精简材料清单，推行一次告知、网上预审'],
  ['工作效能', '文件流转慢，个别事项超时办结', '办文流程环节多，时限意识不强', '压缩办文环节，设定办结时限并通报'],
  ['正风肃纪', '个别干部上班时间脱岗离岗', '考勤管理不严，监督不到位', '严格考勤制度，不定期抽查并通报'],
  ['组织建设', '“三会一课”记录不规范', '支部工作制度落实不细', '规范会议记录，每季度检查一次'],
  ['干部队伍建设', '年轻干部业务能力不足', '培训针对性不强', '开展业务大讲堂，实行老带新结对'],
  ['政治建设', '传达学习上级精神不及时', '学习传达机制不健全', '建立第一议题制度，限时传达学习'],
];
const SOURCES = ['职工提', '自己找', '上级点', '相互帮', '基层调研', '网络问政', '电话投诉', '民主生活会', '组织生活会'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '敏', '华', '强', '丽', '军', '静', '磊', '芳', '伟', '洋', '艳', '勇', '杰', '娟', '涛'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY = 86_400_000;

export interface GenerateOptions {
  readonly section: Section;
  readonly scheme: Scheme;
  readonly seed: number;
  readonly issues: number;
  /** tasks per problem (on average) */
  readonly tasksPerIssue?: number;
  readonly asOf: string;
  readonly period: string;
}

/** One section's ledger content for fillLedger. */
export function generateLedger(o: GenerateOptions): LedgerContent {
  const rnd = prng(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const person = () => pick(SURNAMES) + pick(GIVEN);
  const asOfMs = Date.parse(`${o.asOf}T00:00:00Z`);
  const code = o.section.code;
  const head = person();
  const issues: Array<Record<string, FillValue>> = [];
  const tasks: Array<Record<string, FillValue>> = [];
  for (let i = 1; i <= o.issues; i++) {
    const [category, description, cause, measures] = pick(PROBLEMS);
    const id = `${code}-${String(i).padStart(3, '0')}`;
    const found = asOfMs - Math.floor(20 + rnd() * 120) * DAY;
    const strong = rnd() < 0.15;
    const fixType = strong ? '立行立改' : pick(['限期整改', '限期整改', '持续整改']);
    const deadline = strong ? found + Math.floor(7 + rnd() * 20) * DAY : found + Math.floor(30 + rnd() * 180) * DAY;
    const roll = rnd();
    const status = deadline < asOfMs ? (roll < 0.75 ? pick(['已完成', '已销号']) : '整改中') : roll < 0.3 ? '已完成' : roll < 0.8 ? '整改中' : '未启动';
    const done = status === '已完成' || status === '已销号';
    const doneMs = Math.min(asOfMs, deadline + Math.floor((rnd() - 0.8) * 20) * DAY);
    issues.push({
      id,
      category,
      description: `${description}（${o.section.name}第 ${i} 项）`,
      source: pick(SOURCES),
      strong: strong ? '是' : '否',
      foundDate: { date: iso(found) },
      cause,
      measures,
      fixType,
      leader: head,
      owner: person(),
      deadline: { date: iso(deadline) },
      status,
      ...(done ? { doneDate: { date: iso(Math.max(found + DAY, doneMs)) }, result: '已按措施整改到位，建立长效机制' } : {}),
      ...(status === '已销号' ? { evidence: `${id} 整改佐证.pdf`, verifier: person() } : {}),
    });
    const n = Math.max(1, Math.round((o.tasksPerIssue ?? 2) * (0.5 + rnd())));
    for (let t = 1; t <= n; t++) {
      tasks.push({
        id: `${id}-${String(t).padStart(2, '0')}`,
        issueId: id,
        content: `${measures}（第 ${t} 步）`,
        steps: '明确责任人和时间节点，按周推进',
        owner: person(),
        startDate: { date: iso(found + DAY) },
        deadline: { date: iso(Math.min(deadline, found + Math.floor(10 + rnd() * 60) * DAY)) },
        progress: done ? 100 : Math.floor(rnd() * 10) * 10,
      });
    }
  }
  return {
    info: { section: o.section.name, head, contact: person(), phone: `0734-${String(4000000 + Math.floor(rnd() * 999999))}`, period: o.period, asOf: { date: o.asOf } },
    issues,
    tasks,
    selfAssessment: Object.fromEntries(
      o.scheme.indicators.map((i) => [i.id, { selfScore: Math.round(i.points * (0.7 + rnd() * 0.3) * 2) / 2, explanation: '对照评分标准逐项自查，相关记录齐全' }]),
    ),
    ideas: [{ id: `${code}-J01`, content: '建立煤矿企业服务群，及时答复企业咨询', proposer: person(), date: { date: iso(asOfMs - 10 * DAY) } }],
    plan: [{ id: `${code}-P01`, item: '开展作风整顿', content: '对照问题清单开展作风整顿，每月小结', owner: head, deadline: { date: iso(asOfMs + 60 * DAY) }, progress: '推进中' }],
  };
}
