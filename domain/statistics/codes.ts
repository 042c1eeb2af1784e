import type { ContractKind } from '#domain/contracts/rules.ts';
import type { OrgKind } from '#domain/permissions.ts';
import type { ResultField } from '#domain/result-codes.ts';

/**
 * The code lists of the market statistics, written once with their words (Chinese first).
 * Pure data and pure functions: the dashboard, the public page and the tests all read these.
 */
type Label = { readonly zh: string; readonly en: string };

/** The national technology-market statistics' 11 technical fields (全国技术市场统计 技术领域). */
export const NATIONAL_FIELDS = [
  { code: 'electronic_information', zh: '电子信息', en: 'Electronic information' },
  { code: 'advanced_manufacturing', zh: '先进制造', en: 'Advanced manufacturing' },
  { code: 'new_energy', zh: '新能源与高效节能', en: 'New energy and energy efficiency' },
  { code: 'modern_transport', zh: '现代交通', en: 'Modern transport' },
  { code: 'urban_development', zh: '城市建设与社会发展', en: 'Urban construction and social development' },
  { code: 'environment_resources', zh: '环境保护与资源综合利用', en: 'Environmental protection and resource use' },
  { code: 'biomedicine', zh: '生物医药和医疗器械', en: 'Biomedicine and medical devices' },
  { code: 'nuclear', zh: '核应用', en: 'Nuclear applications' },
  { code: 'new_materials', zh: '新材料', en: 'New materials' },
  { code: 'agriculture', zh: '农业', en: 'Agriculture' },
  { code: 'aerospace', zh: '航空航天', en: 'Aerospace' },
] as const satisfies ReadonlyArray<Label & { code: string }>;
export type NationalField = (typeof NATIONAL_FIELDS)[number]['code'];

/** A contract with no result behind it (consulting, service, most development) has no field yet. */
export const UNCLASSIFIED = { code: 'unclassified', zh: '未分类', en: 'Unclassified' } as const;
export type FieldCell = NationalField | typeof UNCLASSIFIED.code;

/**
 * The platform's six result fields (domain/result-codes.ts) in the national list. 光机电一体化 is
 * manufacturing equipment, so 先进制造; 资源、环境与能源 is filed under 环境保护与资源综合利用, the
 * national field that names resources (new energy proper would need the bureau's edit at
 * registration, which is not built yet). A contract without a result is unclassified.
 */
const FIELD_MAP: Record<ResultField, NationalField> = {
  new_materials: 'new_materials',
  electronic_information: 'electronic_information',
  optomechatronics: 'advanced_manufacturing',
  resources_environment_energy: 'environment_resources',
  biomedicine: 'biomedicine',
  agriculture: 'agriculture',
};

export function nationalFieldOf(field: ResultField | null | undefined): FieldCell {
  return field ? FIELD_MAP[field] : UNCLASSIFIED.code;
}

export function fieldLabel(code: FieldCell): Label {
  return NATIONAL_FIELDS.find((f) => f.code === code) ?? UNCLASSIFIED;
}

/** Seller and buyer types as the statistics count them (企业, 科研机构, 高等院校, 其他). */
export const PARTY_TYPES = [
  { code: 'enterprise', zh: '企业', en: 'Enterprises' },
  { code: 'institute', zh: '科研机构', en: 'Research institutes' },
  { code: 'university', zh: '高等院校', en: 'Universities' },
  { code: 'other', zh: '其他', en: 'Others' },
] as const satisfies ReadonlyArray<Label & { code: string }>;
export type PartyType = (typeof PARTY_TYPES)[number]['code'];

export function partyTypeOf(kind: OrgKind): PartyType {
  return kind === 'enterprise' || kind === 'institute' || kind === 'university' ? kind : 'other';
}

/** Where a party sits relative to the city, from its six-digit region code. */
export const REGION_FLOWS = [
  { code: 'in_city', zh: '市内', en: 'In the city' },
  { code: 'in_province', zh: '省内市外', en: 'Elsewhere in the province' },
  { code: 'out_of_province', zh: '省外', en: 'Outside the province' },
] as const satisfies ReadonlyArray<Label & { code: string }>;
export type RegionFlow = (typeof REGION_FLOWS)[number]['code'];

/** Liaocheng is 3715xx, Shandong 37xxxx; `cityPrefix` is the city's four digits. */
export function regionFlowOf(regionCode: string, cityPrefix = '3715'): RegionFlow {
  if (regionCode.startsWith(cityPrefix)) return 'in_city';
  if (regionCode.slice(0, 2) === cityPrefix.slice(0, 2)) return 'in_province';
  return 'out_of_province';
}

export const CONTRACT_KIND_LABELS: Record<ContractKind, Label> = {
  development: { zh: '技术开发', en: 'Technology development' },
  transfer: { zh: '技术转让', en: 'Technology transfer' },
  consulting: { zh: '技术咨询', en: 'Technical consulting' },
  service: { zh: '技术服务', en: 'Technical services' },
};

/** Transfers split as the national statistics do; licences are 许可 of the same rights. */
export const TRANSFER_TYPES = [
  { code: 'patent_right', zh: '专利权转让', en: 'Patent assignment' },
  { code: 'patent_application', zh: '专利申请权转让', en: 'Patent application assignment' },
  { code: 'patent_licence', zh: '专利实施许可', en: 'Patent licence' },
  { code: 'know_how', zh: '技术秘密', en: 'Know-how' },
  { code: 'software', zh: '软件著作权', en: 'Software copyright' },
  { code: 'plant_variety', zh: '植物新品种权', en: 'Plant variety rights' },
] as const satisfies ReadonlyArray<Label & { code: string }>;
export type TransferType = (typeof TRANSFER_TYPES)[number]['code'];

const PATENT_IP = new Set(['invention_patent', 'utility_model', 'design']);

/**
 * A transfer's national sub-kind from what was transferred: a granted patent (a result of kind
 * `patent`, which carries a ZL number) or a patent-type right still pending (kind `result`).
 */
export function transferTypeOf(t: { licence: boolean; resultKind: 'patent' | 'result'; ipType: string }): TransferType {
  if (PATENT_IP.has(t.ipType)) {
    if (t.licence) return 'patent_licence';
    return t.resultKind === 'patent' ? 'patent_right' : 'patent_application';
  }
  if (t.ipType === 'software_copyright') return 'software';
  if (t.ipType === 'plant_variety') return 'plant_variety';
  return 'know_how';
}
