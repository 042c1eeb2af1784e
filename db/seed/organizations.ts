import { makeUscc } from '#domain/codes/uscc.ts';
import { BUREAU_ROLES, type BureauRole, type OrgKind } from '#domain/permissions.ts';

/**
 * Demo organisations: pure data, no database access (db/seed/index.ts inserts them).
 *
 * 32 are in Liaocheng, in every one of its eight districts and counties, after
 * their real industries: bearings in 临清, copper foil and aluminium in 茌平,
 * 阿胶 in 东阿, vegetables in 莘县, edible fungi in 冠县, paper and textiles in
 * 高唐, cables and electronics in 阳谷. Six are elsewhere (济南, 青岛, 泰安,
 * 北京, 上海), so "local" filters have something to leave out.
 *
 * The universities and the CAS institute are real; every enterprise and most
 * institutes and agencies are invented, with brand words chosen not to match
 * well-known companies or trademarks (no 东阿阿胶, 鲁西, 中通, 泉林, 蓝山, 信发).
 * All credit codes are synthetic: valid check characters, registered to nobody.
 */
export type DemoOrg = {
  name: string;
  nameEn: string;
  kind: OrgKind;
  /** GB/T 2260 county-level code. */
  regionCode: string;
  /** 统一社会信用代码, synthetic but valid. */
  creditCode: string;
  status: 'verified' | 'pending';
  description: string;
  address: string;
  website?: string;
  /** Yuan, two decimals, for enterprises; null for universities, institutes and agencies. */
  registeredCapital: string | null;
};

/**
 * 登记管理部门码 + 机构类别码 (GB 32100-2015): 12 事业单位 (universities, public
 * institutes and service centres), 52 民办非企业单位 (new-type R&D institutes,
 * service stations), 91 企业 (companies, including agency companies).
 */
type Registrar = '12' | '52' | '91';

type Row = Omit<DemoOrg, 'creditCode' | 'status' | 'registeredCapital'> & {
  registrar: Registrar;
  registeredCapital?: string;
  status?: 'pending';
};

const ROWS: readonly Row[] = [
  // 东昌府区 (the city proper, with the high-tech and economic development zones)
  {
    name: '聊城大学', nameEn: 'Liaocheng University', kind: 'university', registrar: '12', regionCode: '371502',
    description: '山东省属综合性大学，在材料科学、化学化工、生物技术和农学等领域有较强的科研和成果转化能力。',
    address: '聊城市东昌府区湖南路1号', website: 'https://www.lcu.edu.cn',
  },
  {
    name: '聊城职业技术学院', nameEn: 'Liaocheng Vocational and Technical College', kind: 'university', registrar: '12', regionCode: '371502',
    description: '面向地方产业的高职院校，为企业提供机电一体化、食品加工和现代农业技术服务。',
    address: '聊城市东昌府区花园北路',
  },
  {
    name: '聊城市农业科学研究院', nameEn: 'Liaocheng Academy of Agricultural Sciences', kind: 'institute', registrar: '12', regionCode: '371502',
    description: '从事小麦、玉米和蔬菜新品种选育及设施农业技术研究推广。',
    address: '聊城市东昌府区东昌东路',
  },
  {
    name: '聊城市新材料研究院', nameEn: 'Liaocheng Institute of Advanced Materials', kind: 'institute', registrar: '52', regionCode: '371502',
    description: '面向有色金属深加工和高性能复合材料的新型研发机构，承接企业委托研发与中试。',
    address: '聊城高新技术产业开发区长江路',
  },
  {
    name: '聊城市技术转移服务中心', nameEn: 'Liaocheng Technology Transfer Service Center', kind: 'agency', registrar: '12', regionCode: '371502',
    description: '市级技术转移示范机构，提供成果评价、技术经纪和技术合同认定登记辅导服务。',
    address: '聊城市东昌府区柳园南路',
  },
  {
    name: '聊城高新区科技成果转化服务有限公司', nameEn: 'Liaocheng Hi-tech Zone Technology Commercialization Services Co., Ltd.', kind: 'agency', registrar: '91', regionCode: '371502',
    description: '从事技术经纪与知识产权运营，促成高校院所成果在聊城落地转化。',
    address: '聊城高新技术产业开发区黄河路',
  },
  {
    name: '聊城衡拓机器人科技有限公司', nameEn: 'Liaocheng Hengtuo Robotics Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371502',
    description: '工业机器人系统集成商，提供机器视觉检测和智能产线改造服务。',
    address: '聊城高新技术产业开发区天津路', website: 'https://www.hengtuo-robotics.example', registeredCapital: '30000000.00',
  },
  {
    name: '聊城启康生物医药有限公司', nameEn: 'Liaocheng Qikang Biopharmaceutical Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371502',
    description: '研发和生产体外诊断试剂与生物医用材料。',
    address: '聊城经济技术开发区华山路', registeredCapital: '40000000.00',
  },
  {
    name: '聊城澄远高分子材料有限公司', nameEn: 'Liaocheng Chengyuan Polymer Materials Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371502',
    description: '从事聚碳酸酯改性和工程塑料合金的研发与生产，产品用于汽车和电子电器。',
    address: '聊城经济技术开发区嵩山路', registeredCapital: '120000000.00',
  },
  {
    name: '聊城泓川新能源汽车零部件有限公司', nameEn: 'Liaocheng Hongchuan New Energy Auto Parts Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371502',
    description: '设计制造新能源客车电驱动系统和电池包结构件。',
    address: '聊城经济技术开发区中华路', registeredCapital: '100000000.00',
  },
  {
    name: '聊城水城数智软件有限公司', nameEn: 'Liaocheng Shuicheng Digital Software Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371502',
    description: '为制造企业开发生产执行系统（MES）和工业数据平台。',
    address: '聊城市东昌府区东昌西路', website: 'https://www.shuicheng-soft.example', registeredCapital: '10000000.00',
  },

  // 茌平区: aluminium and copper
  {
    name: '茌平晟禾铜箔科技有限公司', nameEn: 'Chiping Shenghe Copper Foil Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371503',
    description: '生产锂电池用电解铜箔和高频高速电路用电子铜箔。',
    address: '聊城市茌平区经济开发区', registeredCapital: '150000000.00',
  },
  {
    name: '茌平钧屹铝业新材料有限公司', nameEn: 'Chiping Junyi Aluminium New Materials Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371503',
    description: '从事铝合金精深加工，研发制造轻量化汽车零部件。',
    address: '聊城市茌平区温陈街道', registeredCapital: '300000000.00',
  },
  {
    name: '茌平有色金属深加工技术研究院', nameEn: 'Chiping Institute of Non-ferrous Metal Processing', kind: 'institute', registrar: '52', regionCode: '371503',
    description: '围绕铝、铜精深加工开展共性技术研究和检测服务。',
    address: '聊城市茌平区振兴街道',
  },

  // 阳谷县: cables and electronics
  {
    name: '阳谷鼎岳电缆集团有限公司', nameEn: 'Yanggu Dingyue Cable Group Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371521',
    description: '研发制造电力电缆、光伏电缆和新能源汽车高压线束。',
    address: '阳谷县经济开发区', website: 'https://www.dingyue-cable.example', registeredCapital: '200000000.00',
  },
  {
    name: '阳谷骁联电子科技有限公司', nameEn: 'Yanggu Xiaolian Electronics Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371521',
    description: '开发工业物联网网关、传感器模组和边缘计算设备。',
    address: '阳谷县侨润街道', registeredCapital: '15000000.00',
  },
  {
    name: '阳谷电线电缆产业技术研究院', nameEn: 'Yanggu Wire and Cable Industry Research Institute', kind: 'institute', registrar: '52', regionCode: '371521',
    description: '研究电缆绝缘材料、导体加工和电缆检测技术，服务县域电缆企业。',
    address: '阳谷县博济桥街道',
  },

  // 莘县: vegetables
  {
    name: '莘县沐禾设施蔬菜科技有限公司', nameEn: 'Shenxian Muhe Greenhouse Vegetable Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371522',
    description: '从事设施蔬菜种苗繁育，提供水肥一体化和智慧温室管理服务。',
    address: '莘县燕店镇', registeredCapital: '20000000.00',
  },
  {
    name: '莘县蔬菜产业研究院', nameEn: 'Shenxian Vegetable Industry Research Institute', kind: 'institute', registrar: '12', regionCode: '371522',
    description: '开展瓜菜品种引选、连作障碍治理和绿色防控技术研究。',
    address: '莘县莘州街道',
  },
  {
    name: '莘县农业科技服务中心', nameEn: 'Shenxian Agricultural Technology Service Center', kind: 'agency', registrar: '12', regionCode: '371522',
    description: '县级农业技术转移服务机构，对接种业、农机和植保技术成果。',
    address: '莘县燕塔街道',
  },

  // 东阿县: 阿胶 and traditional Chinese medicine
  {
    name: '东阿福荫堂阿胶制品有限公司', nameEn: 'Dong’e Fuyintang Ejiao Products Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371524',
    description: '研发生产阿胶块、阿胶糕等制品，建有阿胶质量追溯体系。',
    address: '东阿县经济开发区', registeredCapital: '60000000.00',
  },
  {
    name: '东阿中医药产业研究院', nameEn: 'Dong’e Institute of Traditional Chinese Medicine Industry', kind: 'institute', registrar: '52', regionCode: '371524',
    description: '开展阿胶及中药制剂的质量标准、新剂型和功效评价研究。',
    address: '东阿县新城街道',
  },
  {
    name: '东阿县科创服务中心', nameEn: 'Dong’e County Science and Innovation Service Center', kind: 'agency', registrar: '12', regionCode: '371524',
    description: '县域科技服务机构，提供技术合同登记代理和科技政策咨询。',
    address: '东阿县铜城街道', status: 'pending',
  },

  // 冠县: pears and edible fungi
  {
    name: '冠县芝源食用菌科技有限公司', nameEn: 'Guanxian Zhiyuan Edible Fungi Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371525',
    description: '从事灵芝、香菇的工厂化栽培和精深加工。',
    address: '冠县店子镇', registeredCapital: '10000000.00',
  },
  {
    name: '冠县果树与食用菌研究所', nameEn: 'Guanxian Institute of Fruit Trees and Edible Fungi', kind: 'institute', registrar: '12', regionCode: '371525',
    description: '研究鸭梨品种改良、果园省力化栽培和食用菌菌种选育。',
    address: '冠县清泉街道', status: 'pending',
  },

  // 高唐县: paper and textiles
  {
    name: '高唐青苇纸业科技有限公司', nameEn: 'Gaotang Qingwei Paper Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371526',
    description: '以秸秆为原料的造纸企业，关注清洁制浆和废水资源化利用。',
    address: '高唐县经济开发区', registeredCapital: '120000000.00',
  },
  {
    name: '高唐澜织纺织印染有限公司', nameEn: 'Gaotang Lanzhi Textile Printing and Dyeing Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371526',
    description: '织造功能性面料，研发少水和无水印染工艺。',
    address: '高唐县人和街道', registeredCapital: '50000000.00',
  },
  {
    name: '高唐造纸纺织工程技术研究中心', nameEn: 'Gaotang Paper and Textile Engineering Research Center', kind: 'institute', registrar: '12', regionCode: '371526',
    description: '为县内造纸和纺织企业提供工艺优化、节能降耗和检测服务。',
    address: '高唐县鱼邱湖街道',
  },

  // 临清市: bearings
  {
    name: '临清博承精密轴承有限公司', nameEn: 'Linqing Bocheng Precision Bearing Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371581',
    description: '生产汽车轮毂轴承和精密角接触球轴承，建有市级轴承检测中心。',
    address: '临清市经济开发区', website: 'https://www.bocheng-bearing.example', registeredCapital: '80000000.00',
  },
  {
    name: '临清绿澈节能环保科技有限公司', nameEn: 'Linqing Lvche Energy Saving and Environmental Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '371581',
    description: '提供工业余热回收、污水处理和固废资源化整体解决方案。',
    address: '临清市烟店镇', registeredCapital: '25000000.00', status: 'pending',
  },
  {
    name: '临清轴承产业技术研究院', nameEn: 'Linqing Bearing Industry Research Institute', kind: 'institute', registrar: '52', regionCode: '371581',
    description: '聚焦轴承钢热处理、精密磨削和在线检测技术，服务临清轴承产业集群。',
    address: '临清市新华路街道',
  },
  {
    name: '临清市轴承技术交易服务站', nameEn: 'Linqing Bearing Technology Exchange Station', kind: 'agency', registrar: '52', regionCode: '371581',
    description: '面向轴承产业集群挖掘技术需求，组织供需对接和技术交易。',
    address: '临清市烟店镇',
  },

  // Elsewhere
  {
    name: '山东农业大学', nameEn: 'Shandong Agricultural University', kind: 'university', registrar: '12', regionCode: '370902',
    description: '以农业科学为特色的多科性大学，在蔬菜育种、果树栽培和植物保护方面成果丰富。',
    address: '泰安市泰山区岱宗大街61号', website: 'https://www.sdau.edu.cn',
  },
  {
    name: '山东大学', nameEn: 'Shandong University', kind: 'university', registrar: '12', regionCode: '370112',
    description: '综合性研究型大学，在晶体材料、医学和信息技术等方向拥有大量专利成果。',
    address: '济南市历城区山大南路27号', website: 'https://www.sdu.edu.cn',
  },
  {
    name: '中国科学院青岛生物能源与过程研究所', nameEn: 'Qingdao Institute of Bioenergy and Bioprocess Technology, CAS', kind: 'institute', registrar: '12', regionCode: '370212',
    description: '从事生物能源、储能材料与绿色化工过程研究的国家级科研机构。',
    address: '青岛市崂山区松岭路189号', website: 'http://www.qibebt.cas.cn',
  },
  {
    name: '济南明泉光电科技有限公司', nameEn: 'Jinan Mingquan Optoelectronics Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '370102',
    description: '研发生产激光器件、光电传感器和机器视觉光源。',
    address: '济南市历下区经十路', registeredCapital: '35000000.00',
  },
  {
    name: '上海岚峤生物医药科技有限公司', nameEn: 'Shanghai Lanqiao Biopharmaceutical Technology Co., Ltd.', kind: 'enterprise', registrar: '91', regionCode: '310115',
    description: '从事缓控释制剂和多肽药物的研发，寻求与山东中药企业合作。',
    address: '上海市浦东新区张江路', registeredCapital: '50000000.00',
  },
  {
    name: '北京中关村智汇技术转移有限公司', nameEn: 'Beijing Zhongguancun Zhihui Technology Transfer Co., Ltd.', kind: 'agency', registrar: '91', regionCode: '110108',
    description: '跨区域技术转移机构，提供成果转化撮合与投融资对接服务。',
    address: '北京市海淀区中关村大街',
  },
];

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** FNV-1a: the credit code follows the name, so reordering or adding rows never changes an existing one. */
function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a few deterministic draws from the name's hash. */
function draws(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * GB 11714 组织机构代码 check character over 8 characters (digits, and A–Z as
 * 10–35): 11 − (Σ value × (3,7,9,10,5,8,4,2) mod 11), 10 written X, 11 as 0.
 */
export function organizationCodeCheckChar(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2] as const;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(first8.charAt(i), 36) * weights[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A synthetic 18-character credit code shaped like real ones: registrar,
 * region, then an organisation code as the registries issue them today — MA…
 * for companies, MJ… for 民办非企业单位, digits for 事业单位 — with its own GB
 * 11714 check character, then the USCC check character.
 */
export function demoCreditCode(name: string, registrar: Registrar, regionCode: string): string {
  const next = draws(hashName(name));
  const pick = (chars: string) => chars.charAt(Math.floor(next() * chars.length));
  const prefix = registrar === '91' ? 'MA' : registrar === '52' ? 'MJ' : '4';
  let body = prefix;
  while (body.length < 8) body += pick(registrar === '12' ? '0123456789' : CODE_CHARS);
  return makeUscc(`${registrar}${regionCode}${body}${organizationCodeCheckChar(body)}`);
}

export const DEMO_ORGANIZATIONS: readonly DemoOrg[] = ROWS.map(({ registrar, status, registeredCapital, ...r }) => ({
  ...r,
  creditCode: demoCreditCode(r.name, registrar, r.regionCode),
  status: status ?? 'verified',
  registeredCapital: registeredCapital ?? null,
}));

/**
 * The shared password of the demo accounts below: a demo-only credential,
 * published in the README and printed by `npm start`. It is seeded only with
 * the demo data (SEED_DEMO, on by default for `npm start`), so a real
 * deployment must run with SEED_DEMO=false.
 */
export const DEMO_PASSWORD = 'Demo-2026-lc!';

export type DemoUser = { label: string; email: string; name: string; role: 'org_admin' | 'bureau'; orgName: string | null; bureauRoles: readonly BureauRole[] };

/** The demo bureau user who holds every bureau role (the one the demo data is registered by). */
export const DEMO_BUREAU_EMAIL = 'bureau@demo.lc.test';

/**
 * One login per role and organisation kind; each org_admin's organisation is verified, so every page is reachable.
 * The bureau: one user with every bureau role, and one per bureau role.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { label: 'bureau (科技局, all roles)', email: DEMO_BUREAU_EMAIL, name: '科技局审核员', role: 'bureau', orgName: null, bureauRoles: BUREAU_ROLES },
  { label: 'bureau registrar (登记员)', email: 'registrar@demo.lc.test', name: '科技局登记员', role: 'bureau', orgName: null, bureauRoles: ['registrar'] },
  { label: 'bureau reviewer (审核员)', email: 'reviewer@demo.lc.test', name: '科技局补助审核员', role: 'bureau', orgName: null, bureauRoles: ['reviewer'] },
  { label: 'bureau payer (付款员)', email: 'payer@demo.lc.test', name: '科技局付款员', role: 'bureau', orgName: null, bureauRoles: ['payer'] },
  { label: 'bureau admin (管理员)', email: 'admin@demo.lc.test', name: '科技局管理员', role: 'bureau', orgName: null, bureauRoles: ['admin'] },
  { label: 'university (聊城大学)', email: 'university@demo.lc.test', name: '王老师', role: 'org_admin', orgName: '聊城大学', bureauRoles: [] },
  { label: 'institute (新材料研究院)', email: 'institute@demo.lc.test', name: '刘研究员', role: 'org_admin', orgName: '聊城市新材料研究院', bureauRoles: [] },
  { label: 'enterprise (博承轴承)', email: 'enterprise@demo.lc.test', name: '张经理', role: 'org_admin', orgName: '临清博承精密轴承有限公司', bureauRoles: [] },
  { label: 'agency (技术转移中心)', email: 'agency@demo.lc.test', name: '李经纪人', role: 'org_admin', orgName: '聊城市技术转移服务中心', bureauRoles: [] },
];
