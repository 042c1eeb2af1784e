/**
 * Holder organisations by kind. Universities and national institutes are real;
 * the local institutes and the enterprises are invented but named the way
 * organisations in Liaocheng's districts and counties are (东昌府 / 茌平 / 临清 /
 * 东阿 / 莘县 / 冠县 / 高唐 / 阳谷) after their real industries.
 */

export type InstitutionKind = 'university' | 'institute' | 'enterprise';

export const UNIVERSITIES: readonly string[] = [
  '聊城大学', '聊城职业技术学院', '山东农业大学', '齐鲁工业大学', '山东大学', '中国海洋大学', '青岛科技大学', '山东科技大学',
  '山东理工大学', '济南大学', '山东师范大学', '山东中医药大学', '青岛大学', '山东建筑大学', '青岛农业大学', '中国石油大学（华东）',
  '哈尔滨工业大学（威海）', '山东第一医科大学', '滨州医学院', '临沂大学',
];

/** Common short forms users type instead of the full name. */
export const UNIVERSITY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  聊大: '聊城大学',
  山农大: '山东农业大学',
  山农: '山东农业大学',
  齐鲁工大: '齐鲁工业大学',
  齐工大: '齐鲁工业大学',
  山大: '山东大学',
  海大: '中国海洋大学',
  青科大: '青岛科技大学',
  山科大: '山东科技大学',
  山理工: '山东理工大学',
  山师大: '山东师范大学',
  山中医: '山东中医药大学',
  青农大: '青岛农业大学',
  石大: '中国石油大学（华东）',
  哈工大威海: '哈尔滨工业大学（威海）',
};

export const INSTITUTES: readonly string[] = [
  '聊城市农业科学研究院', '聊城市新材料研究院', '临清轴承产业技术研究院', '东阿中医药产业研究院', '山东省农业科学院蔬菜研究所',
  '中国科学院青岛生物能源与过程研究所', '中国农业科学院蔬菜花卉研究所', '中国农业科学院农业环境与可持续发展研究所', '山东省科学院新材料研究所',
  '山东省科学院激光研究所', '山东省科学院能源研究所', '聊城市环境科学研究所', '阳谷电线电缆产业技术研究院', '高唐造纸纺织工程技术研究中心',
  '莘县蔬菜产业研究院', '冠县果树与食用菌研究所', '茌平有色金属深加工技术研究院', '聊城市人民医院临床医学研究所', '聊城市智能制造研究院', '鲁西黄牛种质资源研究中心',
];

/** County → industries; enterprise names are built as {county}{brand}{industry}{suffix}. */
export const COUNTY_INDUSTRIES: Readonly<Record<string, readonly string[]>> = {
  聊城: ['新材料科技', '智能装备', '生物医药', '新能源汽车零部件', '信息技术', '环保科技', '化工'],
  东昌府: ['机器人科技', '电子科技', '食品科技', '软件'],
  茌平: ['铜箔科技', '铝业新材料', '有色金属', '碳素'],
  临清: ['精密轴承', '轴承装备', '数控机械', '节能环保科技'],
  东阿: ['阿胶', '中药饮片', '生物科技', '驴产业开发'],
  莘县: ['设施蔬菜科技', '种业', '农业机械', '生物肥业'],
  冠县: ['果业', '食用菌科技', '板材', '农业发展'],
  高唐: ['纸业', '纺织印染', '生物质能源', '新型建材'],
  阳谷: ['电缆', '电子科技', '铜业', '光伏科技'],
};

export const ENTERPRISE_BRANDS: readonly string[] = [
  '华瑞', '信泰', '宏源', '鑫瑞', '绿源', '泉林', '蓝山', '恒信', '智联', '鲁西', '中通', '康源', '润禾', '金正', '凤祥', '乾元', '瑞丰',
  '德润', '鼎盛', '嘉禾', '博远', '中科', '汇通', '天润', '东岳', '运河', '水城', '凤凰', '海鑫', '九州', '昌润', '时风', '景阳', '祥光',
];

export const ENTERPRISE_SUFFIXES: readonly string[] = ['有限公司', '股份有限公司', '集团有限公司', '科技有限公司'];

/** `茌平` + `信泰` + `铜箔科技` + `有限公司` → 茌平信泰铜箔科技有限公司 (no 科技科技). */
export function enterpriseName(county: string, brand: string, industry: string, suffix: string): string {
  const s = industry.endsWith('科技') && suffix.startsWith('科技') ? suffix.slice(2) : suffix;
  return `${county}${brand}${industry}${s}`;
}
