/**
 * Latin technical abbreviations common in Chinese industry and research, each with
 * the standard Chinese term, so an English or mixed query can be put into Chinese
 * before it is embedded (search/english.ts). Curated by hand for this project (no
 * outside data): the usual full Chinese term of each field and, where search/synonyms.ts
 * already has a group for the abbreviation, the same Chinese term as that group.
 *
 * Where an abbreviation has several readings, the one this marketplace's six fields
 * mean is chosen (SCR = 选择性催化还原, not 可控硅; PCM = 相变材料, not pulse-code
 * modulation; GIS = 地理信息系统, not gas-insulated switchgear; IP = 知识产权, not the
 * Internet Protocol; ABS = the plastic, not anti-lock braking). Ambiguous ones with no
 * clear winner (ADC, API, GAN, PC, MS) are left out.
 * Codes that Chinese text itself writes in Latin letters (5G, 4G, PM2.5, DNA, Wi-Fi,
 * LoRa) are left out on purpose: they stay as typed.
 */
export const ABBREVIATIONS: ReadonlyArray<readonly [abbreviation: string, zh: string]> = [
  // 电子信息
  ['AI', '人工智能'], ['IoT', '物联网'], ['IIoT', '工业互联网'], ['IC', '集成电路'], ['PCB', '印制电路板'], ['LED', '发光二极管'],
  ['OLED', '有机发光二极管'], ['LCD', '液晶显示器'], ['MEMS', '微机电系统'], ['FPGA', '现场可编程门阵列'], ['ASIC', '专用集成电路'], ['SoC', '片上系统'],
  ['MCU', '单片机'], ['CPU', '中央处理器'], ['GPU', '图形处理器'], ['DSP', '数字信号处理器'], ['IGBT', '绝缘栅双极型晶体管'],
  ['MOSFET', '金属氧化物半导体场效应晶体管'], ['SiC', '碳化硅'], ['GaN', '氮化镓'], ['RFID', '射频识别'], ['NFC', '近场通信'],
  ['NB-IoT', '窄带物联网'], ['GPS', '全球定位系统'], ['GNSS', '全球导航卫星系统'], ['BDS', '北斗卫星导航系统'], ['LiDAR', '激光雷达'],
  ['SLAM', '同步定位与地图构建'], ['VR', '虚拟现实'], ['AR', '增强现实'], ['NLP', '自然语言处理'], ['LLM', '大语言模型'], ['OCR', '光学字符识别'],
  ['UV', '紫外线'], ['IR', '红外线'],
  // 光机电一体化 / 工业软件
  ['PLC', '可编程控制器'], ['CNC', '数控机床'], ['DCS', '集散控制系统'], ['SCADA', '数据采集与监视控制系统'], ['HMI', '人机界面'],
  ['PID', '比例积分微分控制'], ['VFD', '变频器'], ['AGV', '自动导引车'], ['UAV', '无人机'], ['ADAS', '高级驾驶辅助系统'], ['EDM', '电火花加工'],
  ['HVAC', '暖通空调'], ['ERP', '企业资源计划'], ['MES', '制造执行系统'], ['CAD', '计算机辅助设计'], ['CAE', '计算机辅助工程'], ['CAM', '计算机辅助制造'],
  ['CFD', '计算流体动力学'], ['FEA', '有限元分析'], ['NDT', '无损检测'], ['BIM', '建筑信息模型'], ['GIS', '地理信息系统'],
  // 新材料 / 加工
  ['CVD', '化学气相沉积'], ['PVD', '物理气相沉积'], ['ALD', '原子层沉积'], ['SLM', '选区激光熔化'], ['FDM', '熔融沉积成型'], ['CNT', '碳纳米管'],
  ['CFRP', '碳纤维增强复合材料'], ['FRP', '纤维增强复合材料'], ['PET', '聚对苯二甲酸乙二醇酯'], ['PVC', '聚氯乙烯'], ['ABS', 'ABS树脂'], ['PE', '聚乙烯'],
  ['HDPE', '高密度聚乙烯'], ['UHMWPE', '超高分子量聚乙烯'], ['PP', '聚丙烯'], ['PI', '聚酰亚胺'], ['PU', '聚氨酯'], ['TPU', '热塑性聚氨酯'],
  ['PTFE', '聚四氟乙烯'], ['PEEK', '聚醚醚酮'], ['PMMA', '聚甲基丙烯酸甲酯'], ['PLA', '聚乳酸'], ['PBAT', '聚己二酸对苯二甲酸丁二醇酯'],
  ['MOF', '金属有机框架'], ['MOFs', '金属有机框架'], ['NdFeB', '钕铁硼'], ['SMA', '形状记忆合金'], ['PCM', '相变材料'], ['SEM', '扫描电子显微镜'],
  ['TEM', '透射电子显微镜'], ['XRD', 'X射线衍射'], ['XPS', 'X射线光电子能谱'], ['FTIR', '傅里叶变换红外光谱'],
  // 新能源
  ['PV', '光伏'], ['EV', '电动汽车'], ['NEV', '新能源汽车'], ['PHEV', '插电式混合动力汽车'], ['BMS', '电池管理系统'], ['ESS', '储能系统'],
  ['EMS', '能量管理系统'], ['LFP', '磷酸铁锂'], ['LiFePO4', '磷酸铁锂'], ['NCM', '镍钴锰三元材料'], ['SOFC', '固体氧化物燃料电池'],
  ['PEMFC', '质子交换膜燃料电池'], ['PEM', '质子交换膜'], ['LNG', '液化天然气'], ['CHP', '热电联产'],
  // 资源与环境
  ['VOCs', '挥发性有机物'], ['VOC', '挥发性有机物'], ['COD', '化学需氧量'], ['BOD', '生化需氧量'], ['MBR', '膜生物反应器'], ['MBBR', '移动床生物膜反应器'],
  ['RO', '反渗透'], ['UF', '超滤'], ['NF', '纳滤'], ['AOPs', '高级氧化技术'], ['SCR', '选择性催化还原'], ['FGD', '烟气脱硫'],
  ['CCUS', '碳捕集利用与封存'], ['LCA', '生命周期评价'], ['EIA', '环境影响评价'],
  // 生物技术和医药
  ['PCR', '聚合酶链式反应'], ['qPCR', '实时荧光定量PCR'], ['ELISA', '酶联免疫吸附测定'], ['HPLC', '高效液相色谱'], ['NMR', '核磁共振'],
  ['MRI', '磁共振成像'], ['CT', '计算机断层扫描'], ['ECG', '心电图'], ['EEG', '脑电图'], ['GMP', '药品生产质量管理规范'], ['TCM', '中药'],
  ['IVD', '体外诊断'], ['POCT', '即时检测'], ['mAb', '单克隆抗体'], ['CAR-T', '嵌合抗原受体T细胞'], ['CRISPR', '基因编辑'], ['CRO', '合同研究组织'],
  // 农业高新技术
  ['GMO', '转基因生物'], ['IPM', '病虫害综合防治'], ['SNP', '单核苷酸多态性'], ['NPK', '氮磷钾'],
  // 科技成果转化
  ['R&D', '研发'], ['IP', '知识产权'], ['TRL', '技术成熟度'], ['SME', '中小企业'],
];

/**
 * Abbreviations that are also ordinary English words in lower case (pet, abs, cod,
 * cam, pi, ar): they match only when typed as written above or in capitals, so
 * "pet food" stays with the dictionary (宠物食品) and "PET bottle" becomes a plastic.
 */
export const CASE_SENSITIVE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'PET', 'ABS', 'COD', 'CAM', 'PI', 'AR',
]);

/**
 * Chemical formulas among the abbreviations: their case is their meaning (GaN is gallium
 * nitride; GAN is a neural network, gan pinyin or the start of Ganoderma). They match only
 * as written here, in english.ts and in the lexical query (search/query.ts keeps a formula
 * whole: no prefix search).
 */
export const CHEMICAL_FORMULAS: ReadonlySet<string> = new Set(['SiC', 'GaN', 'NdFeB', 'LiFePO4']);
