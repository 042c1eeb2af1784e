import { glossaryGroups } from './glossary.ts';
import { normalizeText } from './normalize.ts';

/**
 * Synonym and abbreviation groups: every term in a group is equivalent to every
 * other one for search. These are the defaults the platform ships with; the
 * bureau maintains the live list in the database (`search_synonyms`), which is
 * turned into Meilisearch's `synonyms` setting by `toMeiliSynonyms`.
 *
 * Rules for a good group:
 * - Only real equivalents (an abbreviation and its full form, an English term
 *   and its Chinese one). A broader/narrower pair (光伏 / 光伏组件) is not a synonym.
 * - No ambiguous short Latin abbreviations (PI, PC, API, CF, AR = 分析纯, ADC = 模数转换器,
 *   PET = 正电子发射断层扫描…): Meilisearch applies
 *   synonyms to every query containing the word.
 * - Every Chinese term here should also be in `dictionary/terms.txt`, so the
 *   segmenter keeps it as one word (a unit test checks this).
 */
const CORE_SYNONYMS: string[][] = [
  // 新材料
  ['石墨烯', 'graphene'],
  ['碳纤维', 'carbon fiber'],
  ['碳纳米管', 'CNT', 'carbon nanotube'],
  ['聚乳酸', 'PLA'],
  ['聚醚醚酮', 'PEEK'],
  ['超高分子量聚乙烯', 'UHMWPE'],
  ['钕铁硼', 'NdFeB', '钕铁硼永磁'],
  ['3D打印', '增材制造', '三维打印'],
  ['可降解塑料', '生物降解塑料'],
  ['气凝胶', 'aerogel'],
  ['碳化硅', 'SiC'],
  ['氮化镓', 'GaN'],
  ['磷酸铁锂', 'LFP', 'LiFePO4', '铁锂'],
  ['金属有机框架', 'MOF', 'MOFs'],
  ['聚对苯二甲酸乙二醇酯', '涤纶树脂'],
  // 电子信息
  ['人工智能', 'AI'],
  ['物联网', 'IoT'],
  ['大数据', 'big data'],
  ['云计算', 'cloud computing'],
  ['边缘计算', 'edge computing'],
  ['区块链', 'blockchain'],
  ['机器视觉', 'machine vision'],
  ['深度学习', 'deep learning'],
  ['机器学习', 'machine learning'],
  ['自然语言处理', 'NLP'],
  ['虚拟现实', 'VR'],
  ['增强现实', 'augmented reality'],
  ['5G', '5G通信', '第五代移动通信'],
  ['射频识别', 'RFID'],
  ['微机电系统', 'MEMS'],
  ['集成电路', 'IC'],
  ['现场可编程门阵列', 'FPGA'],
  ['发光二极管', 'LED'],
  ['有机发光二极管', 'OLED'],
  ['印制电路板', '印刷电路板', 'PCB'],
  ['北斗导航', '北斗卫星导航系统', 'BDS'],
  ['数字孪生', 'digital twin'],
  ['工业互联网', '工业物联网', 'IIoT'],
  ['大模型', '大语言模型', 'LLM'],
  // 光机电一体化
  ['PLC', '可编程控制器', '可编程逻辑控制器'],
  ['数控机床', 'CNC机床'],
  ['无人机', '无人驾驶飞行器', '无人飞行器', 'UAV'],
  ['自动导引车', 'AGV'],
  ['伺服电机', '伺服马达'],
  ['步进电机', '步进马达'],
  ['减速器', '减速机'],
  ['计算机辅助设计', 'CAD'],
  ['有限元分析', 'FEA'],
  ['无损检测', '无损探伤', 'NDT'],
  ['新能源汽车', '电动汽车', '新能源车'],
  ['自动驾驶', '无人驾驶'],
  ['人机界面', 'HMI'],
  ['机械臂', '机械手臂'],
  // 资源与环境、新能源
  ['锂电', '锂电池', '锂离子电池'],
  ['光伏', '太阳能电池', '太阳能光伏'],
  ['光伏组件', '太阳能电池板', '太阳能板'],
  ['氢燃料电池', '氢能燃料电池'],
  ['固态电池', '全固态电池'],
  ['超级电容器', '超级电容'],
  ['储能系统', '储能装置'],
  ['电池管理系统', 'BMS'],
  ['充电桩', '充电设施'],
  ['污水处理', '废水处理'],
  ['固废处理', '固废处置', '固体废物处理'],
  ['余热回收', '余热利用', '废热回收'],
  ['风力发电', '风电'],
  ['生物质能', '生物质能源'],
  ['挥发性有机物', 'VOCs', 'VOC'],
  ['碳捕集', 'CCUS'],
  ['海水淡化', '海水脱盐'],
  ['膜生物反应器', 'MBR'],
  ['细颗粒物', 'PM2.5'],
  // 生物技术和医药
  ['单克隆抗体', '单抗', 'mAb'],
  ['基因编辑', '基因组编辑', 'CRISPR'],
  ['聚合酶链式反应', 'PCR'],
  ['体外诊断', 'IVD'],
  ['即时检测', '床旁检测', 'POCT'],
  ['抗体偶联药物', '抗体药物偶联物'],
  ['嵌合抗原受体T细胞', 'CAR-T'],
  ['中药', '中草药'],
  ['阿胶', '驴皮胶'],
  ['原料药', '活性药物成分'],
  ['医疗器械', '医疗设备'],
  ['益生菌', 'probiotics'],
  ['新冠病毒', 'SARS-CoV-2'],
  // 农业高新技术
  ['有机肥', '有机肥料'],
  ['生物农药', '生物源农药'],
  ['水肥一体化', '灌溉施肥'],
  ['智慧农业', '数字农业', '智能农业'],
  ['设施农业', '设施栽培'],
  ['畜禽养殖', '畜牧养殖'],
  ['水产养殖', '水产品养殖'],
  ['植保无人机', '农用无人机', '农业无人机'],
  ['冷链物流', '冷链运输'],
  ['测土配方施肥', '配方施肥'],
  ['蔬菜育种', '蔬菜品种选育'],
  // 机构简称（聊城及山东常见合作单位）
  ['聊大', '聊城大学'],
  ['山农大', '山东农业大学'],
  ['山大', '山东大学'],
  ['中科院', '中国科学院'],
  ['中国农科院', '中国农业科学院'],
  ['山东省农科院', '山东省农业科学院'],
  ['山师大', '山东师范大学'],
  ['山科大', '山东科技大学'],
  ['山理工', '山东理工大学'],
  ['青科大', '青岛科技大学'],
  ['齐鲁工大', '齐鲁工业大学'],
  ['中石大', '中国石油大学'],
  ['中国海大', '中国海洋大学'],
  ['济大', '济南大学'],
  ['山建大', '山东建筑大学'],
  ['山中医', '山东中医药大学'],
  ['哈工大', '哈尔滨工业大学'],
  ['中科大', '中国科学技术大学'],
  ['清华', '清华大学'],
  ['北大', '北京大学'],
  ['浙大', '浙江大学'],
  ['中国农大', '中国农业大学'],
  ['西北农林', '西北农林科技大学'],
  ['聊城职院', '聊城职业技术学院'],
  ['医科院', '中国医学科学院'],
];

/** The seeded groups: abbreviations and synonyms, plus the Chinese–English glossary. */
export const DEFAULT_SYNONYMS: string[][] = mergeGroups([...CORE_SYNONYMS, ...glossaryGroups()]);

/** Unites groups that share a term, so each term is in exactly one group. */
export function mergeGroups(groups: readonly (readonly string[])[]): string[][] {
  const merged: Array<Set<string>> = [];
  for (const g of groups) {
    const into = new Set(g);
    for (let i = merged.length - 1; i >= 0; i--) {
      if ([...merged[i]!].some((t) => into.has(t))) {
        for (const t of merged[i]!) into.add(t);
        merged.splice(i, 1);
      }
    }
    merged.push(into);
  }
  return merged.map((s) => [...s]);
}

/**
 * Meilisearch's `synonyms` setting from groups: every term maps to all the other
 * terms of every group it is in. Terms are normalised the way queries are
 * (NFKC, lower case, single spaces); empty terms and duplicates are dropped, and
 * groups that end up with fewer than two distinct terms contribute nothing.
 * Output keys and values are in first-seen order, so the result is stable.
 */
export function toMeiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = [...new Set(group.map((t) => normalizeText(t)).filter((t) => t.length > 0))];
    if (terms.length < 2) continue;
    for (const term of terms) {
      let others = map.get(term);
      if (!others) map.set(term, (others = new Set()));
      for (const other of terms) if (other !== term) others.add(other);
    }
  }
  const out: Record<string, string[]> = {};
  for (const [term, others] of map) out[term] = [...others];
  return out;
}

/**
 * For each query token, the token followed by its equivalents (normalised).
 * Meant for highlighting or for building an OR-query outside Meilisearch; do
 * NOT flatten it into the Meilisearch `q`: every query word must match there,
 * so adding the equivalents would narrow the search instead of widening it
 * (Meilisearch applies the `synonyms` setting itself).
 */
export function expandQuery(tokens: readonly string[], groups: readonly (readonly string[])[]): string[][] {
  const synonyms = toMeiliSynonyms(groups);
  return tokens.map((token) => {
    const t = normalizeText(token);
    return [t, ...(Object.hasOwn(synonyms, t) ? (synonyms[t] ?? []) : [])];
  });
}
