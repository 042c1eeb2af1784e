/**
 * A core Chinese–English glossary of technical terms across the six fields, so an
 * English query finds Chinese listings (and the reverse). Each pair becomes a
 * synonym group; the bureau can edit them like any other group.
 */
export const BILINGUAL_TERMS: ReadonlyArray<readonly [string, string]> = [
  // 新材料
  ['石墨烯', 'graphene'], ['碳纤维', 'carbon fiber'], ['碳纳米管', 'carbon nanotube'], ['复合材料', 'composite'], ['纳米材料', 'nanomaterial'],
  ['陶瓷', 'ceramic'], ['合金', 'alloy'], ['铝合金', 'aluminum alloy'], ['钛合金', 'titanium alloy'], ['不锈钢', 'stainless steel'],
  ['轴承钢', 'bearing steel'], ['稀土', 'rare earth'], ['永磁', 'permanent magnet'], ['铜箔', 'copper foil'], ['铝箔', 'aluminum foil'],
  ['涂层', 'coating'], ['薄膜', 'thin film'], ['高分子', 'polymer'], ['聚合物', 'polymer'], ['树脂', 'resin'], ['橡胶', 'rubber'],
  ['聚乳酸', 'polylactic acid'], ['可降解', 'biodegradable'], ['生物降解', 'biodegradation'], ['催化剂', 'catalyst'], ['光催化', 'photocatalysis'],
  ['正极材料', 'cathode material'], ['负极材料', 'anode material'], ['电解质', 'electrolyte'], ['隔膜', 'separator'], ['水凝胶', 'hydrogel'],
  ['玻璃', 'glass'], ['纤维', 'fiber'], ['胶粘剂', 'adhesive'], ['焊接', 'welding'], ['热处理', 'heat treatment'], ['铸造', 'casting'],
  // 电子信息
  ['人工智能', 'artificial intelligence'], ['深度学习', 'deep learning'], ['机器学习', 'machine learning'], ['神经网络', 'neural network'],
  ['图像识别', 'image recognition'], ['目标检测', 'object detection'], ['计算机视觉', 'computer vision'], ['机器视觉', 'machine vision'],
  ['物联网', 'internet of things'], ['大数据', 'big data'], ['云计算', 'cloud computing'], ['边缘计算', 'edge computing'], ['区块链', 'blockchain'],
  ['传感器', 'sensor'], ['芯片', 'chip'], ['集成电路', 'integrated circuit'], ['半导体', 'semiconductor'], ['电路板', 'circuit board'],
  ['印制电路板', 'printed circuit board'], ['天线', 'antenna'], ['通信', 'communication'], ['无线', 'wireless'], ['网络安全', 'cybersecurity'],
  ['软件', 'software'], ['算法', 'algorithm'], ['数据库', 'database'], ['信息系统', 'information system'], ['故障诊断', 'fault diagnosis'],
  ['缺陷检测', 'defect detection'], ['在线监测', 'online monitoring'], ['预测', 'prediction'], ['电力电缆', 'power cable'], ['电缆', 'cable'],
  ['显示屏', 'display'], ['激光', 'laser'], ['光纤', 'optical fiber'], ['雷达', 'radar'],
  // 光机电一体化
  ['轴承', 'bearing'], ['滚动轴承', 'rolling bearing'], ['齿轮', 'gear'], ['减速器', 'reducer'], ['电机', 'motor'], ['伺服电机', 'servo motor'],
  ['工业机器人', 'industrial robot'], ['协作机器人', 'collaborative robot'], ['数控机床', 'cnc machine tool'],
  ['自动化', 'automation'], ['控制系统', 'control system'], ['可编程控制器', 'plc'], ['液压', 'hydraulic'], ['气动', 'pneumatic'],
  ['无人机', 'drone'], ['检测装置', 'inspection device'], ['测量', 'measurement'], ['振动', 'vibration'], ['精密加工', 'precision machining'],
  ['磨削', 'grinding'], ['激光切割', 'laser cutting'], ['3D打印', '3d printing'], ['增材制造', 'additive manufacturing'], ['智能制造', 'smart manufacturing'],
  ['汽车零部件', 'auto parts'], ['新能源汽车', 'new energy vehicle'], ['电动汽车', 'electric vehicle'],
  // 资源与环境 / 新能源
  ['锂电池', 'lithium battery'], ['锂离子电池', 'lithium-ion battery'], ['动力电池', 'power battery'], ['固态电池', 'solid-state battery'],
  ['燃料电池', 'fuel cell'], ['氢能', 'hydrogen energy'], ['制氢', 'hydrogen production'], ['储能', 'energy storage'], ['电池管理系统', 'battery management system'],
  ['太阳能电池', 'solar cell'], ['光伏', 'photovoltaic'], ['钙钛矿', 'perovskite'], ['风电', 'wind power'], ['风力发电', 'wind power generation'],
  ['生物质', 'biomass'], ['余热回收', 'waste heat recovery'], ['节能', 'energy saving'], ['污水处理', 'wastewater treatment'], ['废水', 'wastewater'],
  ['污水', 'sewage'], ['土壤修复', 'soil remediation'], ['重金属', 'heavy metal'], ['固废', 'solid waste'], ['回收', 'recycling'],
  ['资源化', 'resource recovery'], ['脱硫', 'desulfurization'], ['脱硝', 'denitrification'], ['大气污染', 'air pollution'], ['碳捕集', 'carbon capture'],
  ['秸秆', 'straw'], ['造纸', 'papermaking'], ['印染', 'dyeing'], ['纺织', 'textile'],
  // 生物技术和医药
  ['中药', 'traditional chinese medicine'], ['中药', 'tcm'], ['中药制剂', 'tcm preparation'], ['阿胶', 'donkey-hide gelatin'], ['制剂', 'formulation'],
  ['疫苗', 'vaccine'], ['抗体', 'antibody'], ['单克隆抗体', 'monoclonal antibody'], ['基因', 'gene'], ['基因编辑', 'gene editing'],
  ['细胞培养', 'cell culture'], ['干细胞', 'stem cell'], ['蛋白', 'protein'], ['多肽', 'peptide'], ['发酵', 'fermentation'], ['酶', 'enzyme'],
  ['诊断试剂', 'diagnostic reagent'], ['体外诊断', 'in vitro diagnostics'], ['医疗器械', 'medical device'], ['药物递送', 'drug delivery'],
  ['纳米粒', 'nanoparticle'], ['抗菌', 'antibacterial'], ['敷料', 'wound dressing'], ['检测试剂盒', 'test kit'], ['质量控制', 'quality control'],
  ['指纹图谱', 'fingerprint chromatogram'], ['提取', 'extraction'], ['康复', 'rehabilitation'],
  // 农业高新技术
  ['育种', 'breeding'], ['新品种', 'new variety'], ['品种', 'variety'], ['种子', 'seed'], ['蔬菜', 'vegetable'], ['黄瓜', 'cucumber'],
  ['番茄', 'tomato'], ['辣椒', 'pepper'], ['小麦', 'wheat'], ['玉米', 'corn'], ['大豆', 'soybean'], ['食用菌', 'edible fungus'],
  ['设施农业', 'protected agriculture'], ['温室', 'greenhouse'], ['节水灌溉', 'water-saving irrigation'], ['灌溉', 'irrigation'],
  ['水肥一体化', 'fertigation'], ['有机肥', 'organic fertilizer'], ['肥料', 'fertilizer'], ['生物农药', 'biopesticide'], ['农药', 'pesticide'],
  ['病虫害', 'pest and disease'], ['饲料', 'feed'], ['畜禽', 'livestock'], ['水产', 'aquaculture'],
  ['保鲜', 'preservation'], ['冷链', 'cold chain'], ['食品加工', 'food processing'], ['智慧农业', 'smart agriculture'],
];

/** Pairs with the same Chinese term form one group (中药 ↔ traditional chinese medicine ↔ tcm). */
export function glossaryGroups(): string[][] {
  const byZh = new Map<string, string[]>();
  for (const [zh, en] of BILINGUAL_TERMS) byZh.set(zh, [...(byZh.get(zh) ?? [zh]), en]);
  return [...byZh.values()];
}
