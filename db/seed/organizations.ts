import { makeUscc } from '#domain/codes/uscc.ts';
import type { OrgKind } from '#domain/permissions.ts';

/**
 * Demo organisations: Liaocheng's universities, institutes, enterprises in its
 * real industries (bearings in 临清, non-ferrous metals in 茌平, 阿胶 in 东阿,
 * vegetables in 莘县, paper and textiles in 高唐, cables in 阳谷) and agencies,
 * plus a few elsewhere. Enterprise names are invented; the universities are real.
 */
export type DemoOrg = {
  name: string;
  nameEn?: string;
  kind: OrgKind;
  regionCode: string;
  creditCode: string;
  status: 'verified' | 'pending';
  description: string;
  address?: string;
  website?: string;
  registeredCapital?: string;
};

/** 登记管理部门码 + 机构类别码 by kind: 12 事业单位, 91 企业, 52 社会服务机构. */
const REGISTRAR: Record<OrgKind, string> = { university: '12', institute: '12', enterprise: '91', agency: '52' };

/** A deterministic, valid credit code: the region, then a 9-character body derived from the index. */
function code(kind: OrgKind, region: string, n: number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '';
  let x = 7_919 * (n + 11) + 104_729;
  for (let i = 0; i < 9; i++) {
    body += alphabet[x % 31];
    x = Math.floor(x / 31) + 31 * (n + i + 3);
  }
  return makeUscc(`${REGISTRAR[kind]}${region}${body}`);
}

type Row = Omit<DemoOrg, 'creditCode' | 'status'> & { status?: 'pending' };

const ROWS: Row[] = [
  // Universities and colleges
  { name: '聊城大学', nameEn: 'Liaocheng University', kind: 'university', regionCode: '371502', description: '山东省属综合性大学，在材料科学、化学化工、生物技术和农学等领域有较强的科研和成果转化能力。', address: '聊城市东昌府区湖南路1号', website: 'https://www.lcu.edu.cn' },
  { name: '聊城职业技术学院', nameEn: 'Liaocheng Vocational and Technical College', kind: 'university', regionCode: '371502', description: '面向地方产业的高职院校，承担机电一体化、食品加工和现代农业技术服务。', address: '聊城市东昌府区花园北路133号' },
  { name: '山东农业大学', nameEn: 'Shandong Agricultural University', kind: 'university', regionCode: '370902', description: '以农业科学为特色的多科性大学，在蔬菜育种、果树栽培和植物保护方面成果丰富。', website: 'https://www.sdau.edu.cn' },
  { name: '齐鲁工业大学', nameEn: 'Qilu University of Technology', kind: 'university', regionCode: '370112', description: '工科为主的省属重点高校，造纸、生物发酵、化工和材料学科在行业内领先。' },
  { name: '山东大学', nameEn: 'Shandong University', kind: 'university', regionCode: '370102', description: '综合性研究型大学，在晶体材料、医学和信息技术等方向拥有大量专利成果。', website: 'https://www.sdu.edu.cn' },
  // Institutes
  { name: '聊城市农业科学研究院', nameEn: 'Liaocheng Academy of Agricultural Sciences', kind: 'institute', regionCode: '371502', description: '从事小麦、玉米、蔬菜新品种选育和设施农业技术研究推广。' },
  { name: '聊城市新材料研究院', nameEn: 'Liaocheng Institute of Advanced Materials', kind: 'institute', regionCode: '371502', description: '面向有色金属深加工和高性能复合材料的新型研发机构。' },
  { name: '临清轴承产业技术研究院', nameEn: 'Linqing Bearing Industry Research Institute', kind: 'institute', regionCode: '371581', description: '聚焦轴承钢热处理、精密磨削和在线检测技术，服务临清轴承产业集群。' },
  { name: '东阿中医药产业研究院', nameEn: 'Dong’e Institute of Traditional Chinese Medicine Industry', kind: 'institute', regionCode: '371524', description: '开展阿胶及中药制剂质量标准、新剂型和功效评价研究。' },
  { name: '山东省农业科学院蔬菜研究所', kind: 'institute', regionCode: '370102', description: '省级蔬菜科研机构，在黄瓜、番茄、辣椒抗病育种方面有系列品种。' },
  { name: '中国科学院青岛生物能源与过程研究所', kind: 'institute', regionCode: '370212', description: '从事生物能源、储能材料与绿色化工过程研究的国家级科研机构。' },
  // Enterprises
  { name: '临清华瑞精密轴承有限公司', nameEn: 'Linqing Huarui Precision Bearing Co., Ltd.', kind: 'enterprise', regionCode: '371581', description: '生产汽车轮毂轴承和精密角接触球轴承，建有市级轴承检测中心。', registeredCapital: '80000000.00' },
  { name: '茌平信泰铜箔科技有限公司', nameEn: 'Chiping Xintai Copper Foil Technology Co., Ltd.', kind: 'enterprise', regionCode: '371503', description: '锂电池用电解铜箔和高端电子铜箔生产企业。', registeredCapital: '150000000.00' },
  { name: '茌平宏源铝业新材料有限公司', kind: 'enterprise', regionCode: '371503', description: '从事铝合金精深加工、轻量化汽车零部件研发制造。', registeredCapital: '300000000.00' },
  { name: '东阿阿胶古法制药有限公司', kind: 'enterprise', regionCode: '371524', description: '阿胶及复方阿胶浆等中药制剂的研发、生产与质量控制。', registeredCapital: '60000000.00' },
  { name: '莘县绿源设施蔬菜科技有限公司', kind: 'enterprise', regionCode: '371522', description: '设施蔬菜种苗繁育、水肥一体化和智慧温室管理服务。', registeredCapital: '20000000.00' },
  { name: '冠县鑫瑞农业发展有限公司', kind: 'enterprise', regionCode: '371525', description: '鸭梨、灵芝种植及农产品冷链保鲜加工。', registeredCapital: '10000000.00' },
  { name: '高唐泉林纸业科技有限公司', nameEn: 'Gaotang Quanlin Paper Technology Co., Ltd.', kind: 'enterprise', regionCode: '371526', description: '以秸秆制浆为特色的造纸企业，关注清洁制浆和废水资源化。', registeredCapital: '120000000.00' },
  { name: '高唐蓝山纺织印染有限公司', kind: 'enterprise', regionCode: '371526', description: '功能性面料织造与少水印染工艺研发。', registeredCapital: '50000000.00' },
  { name: '阳谷恒信电缆集团有限公司', nameEn: 'Yanggu Hengxin Cable Group Co., Ltd.', kind: 'enterprise', regionCode: '371521', description: '电力电缆、新能源汽车高压线束和光伏电缆的研发制造。', registeredCapital: '200000000.00' },
  { name: '阳谷智联电子科技有限公司', kind: 'enterprise', regionCode: '371521', description: '工业物联网网关、传感器模组和边缘计算设备开发。', registeredCapital: '15000000.00' },
  { name: '聊城鲁西新材料科技有限公司', kind: 'enterprise', regionCode: '371502', description: '高分子新材料与精细化工产品研发，重点布局聚碳酸酯改性。', registeredCapital: '500000000.00' },
  { name: '聊城中通新能源汽车零部件有限公司', kind: 'enterprise', regionCode: '371502', description: '新能源客车电驱动系统、电池包结构件的设计与制造。', registeredCapital: '100000000.00' },
  { name: '聊城智造机器人科技有限公司', kind: 'enterprise', regionCode: '371502', description: '工业机器人集成、机器视觉检测和智能产线改造服务商。', registeredCapital: '30000000.00' },
  { name: '聊城康源生物医药有限公司', kind: 'enterprise', regionCode: '371502', description: '体外诊断试剂和生物医用材料的研发生产。', registeredCapital: '40000000.00' },
  { name: '临清润禾节能环保科技有限公司', kind: 'enterprise', regionCode: '371581', description: '工业余热回收、污水处理和固废资源化整体解决方案。', registeredCapital: '25000000.00', status: 'pending' },
  { name: '济南泰山光电科技有限公司', kind: 'enterprise', regionCode: '370102', description: '激光器件、光电传感器和机器视觉光源研发生产。', registeredCapital: '35000000.00' },
  { name: '青岛海融储能科技有限公司', kind: 'enterprise', regionCode: '370212', description: '储能系统集成与电池管理系统（BMS）开发。', registeredCapital: '60000000.00', status: 'pending' },
  // Agencies
  { name: '聊城市技术转移服务中心', nameEn: 'Liaocheng Technology Transfer Service Center', kind: 'agency', regionCode: '371502', description: '市级技术转移示范机构，提供成果评价、技术经纪、合同登记辅导服务。' },
  { name: '聊城高新区科技成果转化服务有限公司', kind: 'agency', regionCode: '371502', description: '技术经纪与知识产权运营，促成高校院所成果在聊城落地转化。' },
  { name: '临清市轴承技术交易服务站', kind: 'agency', regionCode: '371581', description: '面向轴承产业集群的技术需求挖掘与供需对接服务。' },
  { name: '山东齐鲁技术产权交易服务有限公司', kind: 'agency', regionCode: '370102', description: '省级技术转移机构，开展专利转让许可和技术交易撮合。' },
  { name: '北京中关村智汇技术转移有限公司', kind: 'agency', regionCode: '110108', description: '国家技术转移示范机构，跨区域成果转化与投融资服务。' },
  { name: '东阿县科创服务中心', kind: 'agency', regionCode: '371524', description: '县域科技服务机构，提供技术合同登记代理和科技政策咨询。', status: 'pending' },
];

export const DEMO_ORGANIZATIONS: DemoOrg[] = ROWS.map((r, i) => ({
  ...r,
  status: r.status ?? 'verified',
  creditCode: code(r.kind, r.regionCode.slice(0, 6), i),
}));

/** Demo-only credential, printed by `npm start`. */
export const DEMO_PASSWORD = 'Demo-2026-lc!';

export type DemoUser = { label: string; email: string; name: string; role: 'org_admin' | 'bureau'; orgName: string | null };

export const DEMO_USERS: DemoUser[] = [
  { label: 'bureau (科技局)', email: 'bureau@demo.lc.test', name: '科技局审核员', role: 'bureau', orgName: null },
  { label: 'university (聊城大学)', email: 'university@demo.lc.test', name: '王老师', role: 'org_admin', orgName: '聊城大学' },
  { label: 'institute (新材料研究院)', email: 'institute@demo.lc.test', name: '刘研究员', role: 'org_admin', orgName: '聊城市新材料研究院' },
  { label: 'enterprise (华瑞轴承)', email: 'enterprise@demo.lc.test', name: '张经理', role: 'org_admin', orgName: '临清华瑞精密轴承有限公司' },
  { label: 'agency (技术转移中心)', email: 'agency@demo.lc.test', name: '李经纪人', role: 'org_admin', orgName: '聊城市技术转移服务中心' },
];
