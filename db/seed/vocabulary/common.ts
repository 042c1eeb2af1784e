/**
 * Vocabulary shared by all fields: the phrases of Chinese patent and
 * result descriptions (说明书摘要, 成果简介) rather than any one technology.
 */

/** Suffixes that turn a task (表面缺陷视觉检测) into a title noun. */
export const TASK_SUFFIXES: readonly string[] = ['系统|system', '方法|method', '方法及系统|method and system', '装置|device', '平台|platform', '方法及装置|method and device'];

/** Software-copyright name endings (计算机软件著作权登记名称). */
export const SOFTWARE_SUFFIXES: readonly string[] = ['系统', '软件', '平台', '管理系统', '监测平台', '云平台', '小程序', 'APP'];

/** Kinds of devices that share parts, effects and features. */
export type PartSet = 'mech' | 'elec' | 'chip' | 'med';

/** Device topics (see the field vocabularies) whose parts are electronic or medical; all others are mechanical. */
export const PART_SET_OF_TOPIC: Readonly<Record<string, PartSet>> = {
  chip: 'chip', sensor: 'elec', iot: 'elec', light: 'elec', inspect: 'elec', livestock: 'elec', pestdev: 'elec',
  consumable: 'med', device: 'med', diag: 'med',
};

/** Parts for utility-model abstracts (本实用新型 … 包括 …). */
export const DEVICE_PARTS: Readonly<Record<PartSet, readonly string[]>> = {
  mech: [
    '机架', '底座', '壳体', '驱动电机', '减速机构', '传动轴', '丝杠组件', '导向滑轨', '夹持机构', '升降机构',
    '控制器', '传感器组件', '冷却单元', '调节机构', '支撑架', '安装板', '连接法兰', '密封圈', '进料口', '出料口',
    '储液箱', '循环泵', '喷淋组件', '过滤网', '散热片', '显示模块', '限位块', '缓冲弹簧', '旋转盘', '定位销',
  ],
  elec: [
    '外壳', '电路板', '主控芯片', '电源模块', '通信模块', '天线单元', '屏蔽罩', '信号调理电路', '存储单元',
    '显示屏', '接口端子', '散热片', '安装支架', '指示灯', '按键组件', '电池仓',
  ],
  chip: ['基板', '敏感元件', '电极层', '柔性衬底', '封装层', '引脚', '键合线', '钝化层', '介质层', '金属互连层', '屏蔽罩', '信号调理电路'],
  med: [
    '主体', '外壳', '接头', '护套', '手柄', '固定带', '传感单元', '主控模块', '显示屏', '电源模块',
    '储液腔', '导管', '密封盖', '加热组件', '报警模块', '连接管路', '支撑架', '过滤器',
  ],
};

/** Connectives of utility-model structure clauses; {a} {b} are parts. */
export const STRUCTURE_CLAUSES: Readonly<Record<PartSet, readonly string[]>> = {
  mech: [
    '所述{a}上设置有{b}', '所述{a}与{b}之间通过螺栓可拆卸连接', '所述{a}的一侧固定安装有{b}', '所述{b}嵌设于{a}内部',
    '所述{a}通过{b}实现位置调节', '所述{a}顶部设有与{b}相配合的卡槽',
  ],
  elec: ['所述{a}上设置有{b}', '所述{b}嵌设于{a}内部', '所述{a}与{b}电连接', '所述{a}通过排线与{b}连接', '所述{b}集成于{a}上'],
  chip: ['所述{b}形成于{a}之上', '所述{a}与{b}电连接', '所述{b}覆盖于{a}表面', '所述{b}集成于{a}上'],
  med: ['所述{a}上设置有{b}', '所述{a}与{b}可拆卸连接', '所述{b}嵌设于{a}内部', '所述{a}一端连接有{b}'],
};

export const DEVICE_EFFECTS: Readonly<Record<PartSet, readonly string[]>> = {
  mech: [
    '结构简单，安装维护方便', '有效降低了设备振动和噪声', '提高了装夹定位精度', '减少了人工干预，提高了生产效率',
    '运行稳定可靠，使用寿命长', '占地面积小，便于推广应用', '能耗低，操作安全', '解决了传统设备拆装不便的问题',
  ],
  elec: [
    '体积小、集成度高', '功耗低、响应快', '抗干扰能力强，数据传输稳定', '安装方便、成本低', '测量精度高、稳定性好', '便于批量生产',
  ],
  chip: ['体积小、集成度高', '功耗低、响应快', '灵敏度高、一致性好', '工艺兼容性好，便于批量生产', '可靠性高、成本低'],
  med: ['使用安全、操作简便', '降低了交叉感染风险', '佩戴舒适、测量准确', '便于清洁消毒', '减轻了医护人员工作量', '成本低，适合基层推广'],
};

/** Software functions for software-copyright descriptions. */
export const SOFTWARE_FUNCTIONS: readonly string[] = [
  '数据采集', '实时监控', '异常报警', '报表统计', '权限管理', '可视化展示', '远程运维', '历史数据查询',
  '模型训练与部署', '移动端访问', '工单管理', '设备台账管理', '趋势分析', '知识库检索', '多终端协同', '日志审计',
];

/** Openers for abstract effect sentences. */
export const EFFECT_LEADS: readonly string[] = ['与现有技术相比，', '经测试，', '实验结果表明，', '应用表明，', '', '经第三方检测，'];

/** Result (non-patent) openers. */
export const RESULT_VERBS: readonly string[] = ['研制了', '开发了', '形成了', '建立了', '突破了'];

/** Stages for know-how descriptions. */
export const STAGES: readonly string[] = ['完成实验室小试', '完成中试验证', '在{n}家企业示范应用', '建成示范生产线', '通过省级科技成果评价', '形成企业标准'];

/** Plant-variety descriptions. */
export const VARIETY_REGIONS: readonly string[] = ['山东省', '黄淮海地区', '鲁西平原', '华北地区', '山东及周边省份', '聊城市及周边'];
export const VARIETY_PARENT_PREFIXES: readonly string[] = ['L', 'LC', 'SN', 'Q', 'H', 'M', 'XD', 'JN', 'GX', 'T'];

/** Design-patent model suffixes. */
export const DESIGN_VARIANTS: readonly string[] = ['便携式', '立式', '壁挂式', '一体式', '小型', '升级款'];

/** Growing contexts that read well before a crop or animal name (一种{context}{organism}{process}). */
export const ORGANISM_CONTEXTS: Readonly<Record<string, readonly string[]>> = {
  veg: ['设施|protected', '日光温室|solar-greenhouse', '越冬茬|overwintering', '早春茬|early-spring', '秋延迟|autumn-delayed'],
  leafy: ['秋季|autumn', '设施|protected'],
  grain: ['盐碱地|saline-alkali land', '黄河滩区|Yellow River floodplain', '夏播|summer-sown', '晚播|late-sown'],
  fruit: ['设施|protected', '老果园|old-orchard', '矮化密植|dwarf high-density'],
  fungus: ['工厂化|factory', '林下|under-forest', '熟料|sterilised-substrate'],
  animal: ['规模化|large-scale', '舍饲|housed', '种养结合|crop-livestock integrated'],
  microbe: [],
};

/** Techs for systems and smart devices in every field (基于{tech}的…). */
export const DIGITAL_TECHS: readonly string[] = [
  '物联网|the Internet of Things', '机器视觉|machine vision|vision', '深度学习|deep learning', '数字孪生|digital twins', '边缘计算|edge computing',
  '人工智能|artificial intelligence', '北斗|BeiDou|iot,mobile,machine,trace', '5G|5G', '多传感器融合|multi-sensor fusion|iot,signal,monitor,mobile,bms',
  '大数据|big data', '云平台|cloud platforms', '图像识别|image recognition|vision', '机器学习|machine learning',
];

/** Functional features of utility models: 一种{feature}{device}. */
export const DEVICE_FEATURES: readonly string[] = [
  '便于拆装的|easily dismountable|mech,elec,med', '便于维护的|easy-to-maintain|mech,elec', '带有过载保护的|overload-protected|mech,elec', '具有自清洁功能的|self-cleaning|mech',
  '可调节高度的|height-adjustable|mech,med', '可调节角度的|angle-adjustable|mech,elec,med', '带有散热结构的|heat-dissipating|mech,elec', '带有缓冲减振结构的|vibration-damped|mech',
  '具有防尘防水功能的|dust- and water-proof|mech,elec', '可远程监控的|remotely monitored|mech,elec,med', '带有报警功能的|alarm-equipped|mech,elec,med', '具有自动纠偏功能的|self-correcting|mech',
  '可快速更换的|quick-change|mech,med', '带有定位机构的|positioning|mech', '防堵塞的|anti-clogging|mech', '具有温度补偿功能的|temperature-compensated|elec,mech',
  '带有限位保护的|limit-protected|mech', '低振动的|low-vibration|mech', '具有故障自诊断功能的|self-diagnosing|mech,elec', '便于运输的|easily transported|mech,med',
  '结构紧凑的|compact|mech,elec,med', '带有防护罩的|guarded|mech', '具有防误操作功能的|misoperation-proof|mech,elec,med', '可连续作业的|continuous-operation|mech',
  '带有自动润滑装置的|self-lubricated|mech', '具有称重功能的|weighing|mech', '可折叠的|foldable|mech,med', '带有余热回收结构的|heat-recovering|mech', '具有防爆功能的|explosion-protected|mech,elec',
  '可实现自动上下料的|auto-loading|mech', '带有视觉检测模块的|vision-equipped|mech', '具有数据存储功能的|data-logging|elec,med', '具有低功耗休眠功能的|sleep-mode|elec',
  '带有无线传输模块的|wireless|elec,med', '具有防回流功能的|anti-backflow|med', '防针刺的|needle-stick-proof|med', '具有自动计数功能的|self-counting|elec,med',
  '具有电磁屏蔽功能的|EMI-shielded|elec', '可双向通信的|bidirectional|elec',
];

/** Know-how (技术秘密) titles: {subject}{process core}{tail}, e.g. 设施番茄嫁接育苗技术规程. */
export const KNOW_HOW_PROCESS_TAILS: readonly string[] = [
  '技术|technology', '关键技术|key technology', '集成技术|integrated technology', '成套技术|complete technology', '技术规程|technical specification',
  '工程化技术|engineering technology', '技术及装备|technology and equipment',
];

/** Know-how titles straight after the subject: 高镍三元正极材料产业化技术. */
export const KNOW_HOW_SUBJECT_TAILS: readonly string[] = [
  '产业化技术|industrialisation technology', '标准化生产技术|standardised production technology', '质量控制技术|quality control technology',
  '工艺优化技术|process optimisation technology', '国产化技术|localisation technology',
];

/** Utility-model structure titles: 一种{device}的{structure}, per kind of device. */
export const STRUCTURES: Readonly<Record<PartSet, readonly string[]>> = {
  mech: [
    '密封结构|sealing structure', '冷却结构|cooling structure', '润滑结构|lubrication structure', '防尘结构|dust-proof structure', '安装结构|mounting structure',
    '减振结构|damping structure', '散热结构|heat-dissipation structure', '定位结构|positioning structure', '锁紧机构|locking mechanism', '张紧机构|tensioning mechanism',
  ],
  elec: ['安装结构|mounting structure', '散热结构|heat-dissipation structure', '防水结构|waterproof structure', '屏蔽结构|shielding structure', '供电结构|power supply structure'],
  chip: ['封装结构|packaging structure', '电极结构|electrode structure', '散热结构|heat-dissipation structure', '互连结构|interconnect structure'],
  med: ['固定结构|fixing structure', '防护结构|protective structure', '连接结构|connection structure', '密封结构|sealing structure'],
};

/**
 * For plants and animals the process decides the technical means: methods and
 * effects keyed by a word of the process name (选育方法 → 选育); the first key found wins.
 */
export const ORGANISM_PROCESS_PHRASES: Readonly<Record<string, { methods: readonly string[]; effects: readonly string[] }>> = {
  选育: {
    methods: ['以优良自交系为亲本杂交，经系谱选择和多点鉴定育成', '利用分子标记对目标性状进行前景选择和背景选择', '结合单倍体诱导与加倍技术快速获得纯系', '以地方种质为基础进行群体改良和定向选择'],
    effects: ['选育周期缩短2～3代', '新品系比对照增产{p}%', '抗病性达到高抗水平', '选择准确率达到{q}%'],
  },
  鉴定: {
    methods: ['利用SSR与SNP分子标记构建指纹图谱', '结合表型性状与基因型数据进行聚类分析', '采用高通量测序进行种质纯度鉴定'],
    effects: ['鉴定准确率达到{q}%', '单样品检测时间缩短至{n}小时', '可区分{t}份以上种质资源'],
  },
  嫁接: {
    methods: ['以高抗砧木与优良接穗进行靠接或插接育苗', '嫁接后在高湿遮光条件下愈合{n}天', '采用穴盘基质育苗并精准调控温光条件'],
    effects: ['嫁接成活率达到{q}%', '土传病害发病率降低{p}%', '壮苗率提高{p}%'],
  },
  育苗: {
    methods: ['采用穴盘基质育苗并精准调控温光条件', '通过LED补光与变温管理培育壮苗', '应用生物有机肥配制专用育苗基质'],
    effects: ['出苗率达到{q}%', '壮苗率提高{p}%', '育苗周期缩短{n}天'],
  },
  栽培: {
    methods: ['优化定植密度、整枝方式和水肥管理', '采用起垄覆膜与滴灌水肥一体化相结合', '通过温光调控与熊蜂授粉提高坐果率', '采用宽幅精播与播后镇压技术', '采用矮化砧木与宽行密植栽培模式'],
    effects: ['亩产提高{p}%', '化肥用量减少{p}%', '每亩节本增效{t}元以上', '产品达到绿色食品标准'],
  },
  疫病: {
    methods: ['建立免疫程序与生物安全防控体系', '采用中药添加剂替代部分抗生素', '应用快速检测试剂进行早期筛查'],
    effects: ['发病率降低{p}%', '抗生素使用量减少{p}%', '养殖成活率提高{p}%'],
  },
  防控: {
    methods: ['利用黄板诱杀与天敌释放综合防控', '采用轮作倒茬与生物熏蒸相结合', '施用拮抗菌剂并配合高温闷棚', '建立病害预测预报模型指导精准施药'],
    effects: ['病害防效达到{q}%', '化学农药使用量降低{p}%以上', '产品农残检测合格率100%'],
  },
  保鲜: {
    methods: ['采用1-MCP处理结合气调贮藏', '预冷后以微孔保鲜膜包装并低温贮藏', '采用臭氧与紫外联合杀菌'],
    effects: ['贮藏期延长{n}天以上', '采后损耗率降低{p}%', '货架期延长{p}%'],
  },
  快繁: {
    methods: ['以茎尖为外植体进行组织培养脱毒', '优化增殖与生根培养基配方', '采用无糖组培与人工光照培养'],
    effects: ['增殖系数达到{n}以上', '生根率达到{q}%', '移栽成活率达到{q}%'],
  },
  菌种: {
    methods: ['采用单孢分离与原生质体融合选育菌株', '以液体深层发酵制备栽培种', '优化培养料配方与灭菌工艺'],
    effects: ['菌丝满袋时间缩短{n}天', '生物学效率提高{p}%', '污染率降低至{n}%以下'],
  },
  繁育: {
    methods: ['通过胚胎移植与同期发情技术扩繁', '应用性控冻精提高母畜比例', '建立核心群并实施基因组选择'],
    effects: ['繁殖成活率提高{p}%', '受胎率达到{q}%', '产犊间隔缩短{n}天'],
  },
  养殖: {
    methods: ['自动调控舍内温湿度与氨气浓度', '推行种养结合与粪污资源化利用', '按生长阶段配制全混合日粮'],
    effects: ['饲料转化率提高{p}%', '出栏时间缩短{n}天', '养殖成活率提高{p}%'],
  },
};
