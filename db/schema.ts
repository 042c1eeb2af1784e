import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  date,
  inet,
  integer,
  primaryKey,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  customType,
} from 'drizzle-orm/pg-core';
import { IP_TYPES, MATURITIES, RESULT_FIELDS, RESULT_STATUSES, TRANSFER_MODES } from '#domain/result-codes.ts';
import { CONTRACT_KINDS, CONTRACT_STATUSES } from '#domain/contracts/rules.ts';
import { BUREAU_ROLES } from '#domain/permissions.ts';
import { CLOSE_REASONS, CONVERSATION_STATUSES, DEMAND_STATUSES, PARTICIPANT_ROLES, SAVED_SEARCH_KINDS } from '#domain/demands/codes.ts';
import { PURPOSES as DOCUMENT_PURPOSES, SUBJECT_TYPES as DOCUMENT_SUBJECT_TYPES } from '#domain/documents/rules.ts';
import { money, rate } from './money.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['university', 'institute', 'enterprise', 'agency'] }).notNull(),
    creditCode: text('credit_code').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status', { enum: ['pending', 'verified', 'rejected', 'suspended'] })
      .notNull()
      .default('pending'),
    statusReason: text('status_reason'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
    description: text('description'),
    address: text('address'),
    website: text('website'),
    contactPhone: text('contact_phone'),
    registeredCapital: money('registered_capital'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organizations_credit_code_key').on(t.creditCode),
    index('organizations_status_idx').on(t.status, t.createdAt),
    index('organizations_region_idx').on(t.regionCode),
    check('organizations_kind_check', sql`${t.kind} in ('university','institute','enterprise','agency')`),
    check('organizations_status_check', sql`${t.status} in ('pending','verified','rejected','suspended')`),
    check('organizations_region_code_check', sql`${t.regionCode} ~ '^[0-9]{6}$'`),
    check('organizations_credit_code_check', sql`${t.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'`),
    check('organizations_capital_check', sql`${t.registeredCapital} is null or ${t.registeredCapital} >= 0`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['org_admin', 'org_member', 'bureau'] }).notNull(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    locale: text('locale', { enum: ['zh', 'en'] }).notNull().default('zh'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    /** The bureau staff's roles (domain/permissions.ts); empty for organisation users. */
    bureauRoles: text('bureau_roles', { enum: BUREAU_ROLES }).array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    index('users_org_idx').on(t.orgId),
    check('users_role_check', sql`${t.role} in ('org_admin','org_member','bureau')`),
    check('users_org_matches_role', sql`(${t.role} = 'bureau') = (${t.orgId} is null)`),
    check('users_bureau_roles_check', sql`${t.bureauRoles} <@ ARRAY['registrar','reviewer','payer','admin']::text[] AND (${t.role} = 'bureau') = (cardinality(${t.bureauRoles}) > 0)`),
  ],
);

/** Web sessions. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** `mfa` / `enrol`: the password was right, the second factor is still owed; only `active` signs in. */
    stage: text('stage', { enum: ['mfa', 'enrol', 'active'] }).notNull().default('active'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last password + TOTP check (login or re-authentication), for decisions over the re-auth threshold. */
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
    mfaFailures: integer('mfa_failures').notNull().default(0),
  },
  (t) => [index('sessions_user_idx').on(t.userId), check('sessions_stage_check', sql`${t.stage} in ('mfa','enrol','active')`)],
);

/** API bearer tokens; only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    /** The token's first characters, shown to its owner to tell tokens apart. */
    prefix: text('prefix').notNull().default(''),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: ['org_admin', 'org_member'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    index('invitations_org_idx').on(t.orgId, t.createdAt),
    check('invitations_role_check', sql`${t.role} in ('org_admin','org_member')`),
  ],
);

/** Every login attempt, kept for rate limiting and forensics. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('login_attempts_email_idx').on(sql`lower(${t.email})`, t.createdAt),
    index('login_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);

/**
 * Append-only: triggers in the migrations refuse UPDATE, DELETE and TRUNCATE. A hash chain
 * (migration 0013): at commit each row gets the next `seq`, the previous row's hash and its own.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorOrgId: uuid('actor_org_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    ip: text('ip'),
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Set by the sealing trigger at commit (null only inside the inserting transaction). */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId, t.at),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
    index('audit_events_action_idx').on(t.action, t.at),
    index('audit_events_org_idx').on(t.actorOrgId, t.at),
    uniqueIndex('audit_events_seq_key').on(t.seq),
  ],
);

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type OrgKind = Organization['kind'];
export type UserRole = User['role'];

/** Which demo-data parts have been seeded, so each is added once. */
export const seedMarks = pgTable('seed_marks', {
  name: text('name').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull().defaultNow(),
});

export { IP_TYPES, MATURITIES, RESULT_FIELDS, RESULT_STATUSES, TRANSFER_MODES };

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/** Research results and patents offered for transfer (科技成果 / 专利). */
export const results = pgTable(
  'results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** The current rights holder: a registered transfer contract moves it to the buyer. */
    holderOrgId: uuid('holder_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ['patent', 'result'] }).notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    abstract: text('abstract').notNull(),
    field: text('field', { enum: RESULT_FIELDS }).notNull(),
    ipType: text('ip_type', { enum: IP_TYPES }).notNull(),
    /** Normal form ZL + 12 digits + . + check character. */
    patentNo: text('patent_no'),
    transferModes: text('transfer_modes', { enum: TRANSFER_MODES }).array().notNull(),
    /** null means 面议 (price by negotiation). */
    price: money('price'),
    maturity: text('maturity', { enum: MATURITIES }).notNull(),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    inventors: text('inventors').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: RESULT_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** Bumped on every change; the search index records which version it holds. */
    version: integer('version').notNull().default(1),
    indexedVersion: integer('indexed_version').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('results_patent_no_active_key').on(t.patentNo).where(sql`${t.patentNo} is not null and ${t.status} <> 'withdrawn'`),
    index('results_owner_idx').on(t.ownerOrgId, t.updatedAt),
    index('results_holder_idx').on(t.holderOrgId, t.status),
    index('results_status_idx').on(t.status, t.publishedAt),
    index('results_unindexed_idx').on(t.id).where(sql`${t.indexedVersion} < ${t.version}`),
    check('results_kind_check', sql`${t.kind} in ('patent','result')`),
    check('results_field_check', sql`${t.field} in (${inList(RESULT_FIELDS)})`),
    check('results_ip_type_check', sql`${t.ipType} in (${inList(IP_TYPES)})`),
    check('results_maturity_check', sql`${t.maturity} in (${inList(MATURITIES)})`),
    check('results_status_check', sql`${t.status} in (${inList(RESULT_STATUSES)})`),
    check('results_transfer_modes_check', sql`cardinality(${t.transferModes}) > 0 and ${t.transferModes} <@ array[${inList(TRANSFER_MODES)}]::text[]`),
    check('results_patent_no_check', sql`${t.patentNo} is null or ${t.patentNo} ~ '^ZL[0-9]{12}\\.[0-9X]$'`),
    check('results_patent_needs_no', sql`${t.kind} <> 'patent' or ${t.patentNo} is not null`),
    check('results_price_check', sql`${t.price} is null or ${t.price} >= 0`),
  ],
);

/** The history of a result: every change of content or status. */
export const resultEvents = pgTable(
  'result_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => results.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action', { enum: ['create', 'update', 'publish', 'withdraw', 'holder_change'] }).notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    changes: jsonb('changes'),
  },
  (t) => [index('result_events_result_idx').on(t.resultId, t.at)],
);

/** Synonym and abbreviation groups the bureau edits; applied to the search index settings. */
export const searchSynonyms = pgTable('search_synonyms', {
  id: uuid('id').primaryKey().defaultRandom(),
  terms: text('terms').array().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Result = typeof results.$inferSelect;

/** Which settings each live search index was last given (a hash of the code's settings). */
export const searchIndexState = pgTable('search_index_state', {
  name: text('name').primaryKey(),
  settingsHash: text('settings_hash').notNull(),
  documents: integer('documents').notNull().default(0),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A vector as little-endian float32 bytes (2 KiB for 512 dimensions), Float32Array in TypeScript. */
const float32Vector = customType<{ data: Float32Array; driverData: Buffer }>({
  dataType() {
    return 'bytea';
  },
  toDriver(value) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  },
  fromDriver(value) {
    const copy = Buffer.from(value);
    return new Float32Array(copy.buffer, copy.byteOffset, copy.byteLength / 4);
  },
});

/**
 * Embeddings of listing and demand texts, addressed by the text's sha256 and the model
 * (search/embedding/vectors.ts): a text that did not change is never embedded again, and
 * a reindex reads vectors from here instead of running the model.
 */
export const textEmbeddings = pgTable(
  'text_embeddings',
  {
    model: text('model').notNull(),
    textHash: text('text_hash').notNull(),
    dimensions: integer('dimensions').notNull(),
    vector: float32Vector('vector').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.model, t.textHash] })],
);

/** Technology contracts (技术合同). Registered figures are copied into contract_registrations. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: CONTRACT_KINDS }).notNull(),
    licence: boolean('licence').notNull().default(false),
    title: text('title').notNull(),
    sellerOrgId: uuid('seller_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    buyerOrgId: uuid('buyer_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    brokerOrgId: uuid('broker_org_id').references(() => organizations.id, { onDelete: 'restrict' }),
    resultId: uuid('result_id').references(() => results.id, { onDelete: 'restrict' }),
    amount: money('amount').notNull(),
    technologyAmount: money('technology_amount'),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    commissionRate: rate('commission_rate'),
    commissionFixed: money('commission_fixed'),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('draft'),
    sellerConfirmedAt: timestamp('seller_confirmed_at', { withTimezone: true }),
    buyerConfirmedAt: timestamp('buyer_confirmed_at', { withTimezone: true }),
    registrationNo: text('registration_no'),
    registeredOn: date('registered_on', { mode: 'string' }),
    statusReason: text('status_reason'),
    /** An amendment is a new contract that supersedes a registered one once it is registered itself. */
    amendsId: uuid('amends_id'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contracts_registration_no_key').on(t.registrationNo),
    index('contracts_seller_idx').on(t.sellerOrgId, t.status),
    index('contracts_buyer_idx').on(t.buyerOrgId, t.status),
    index('contracts_broker_idx').on(t.brokerOrgId, t.status),
    index('contracts_status_idx').on(t.status, t.updatedAt),
    index('contracts_result_idx').on(t.resultId),
    index('contracts_amends_idx').on(t.amendsId),
    check('contracts_kind_check', sql`${t.kind} in (${inList(CONTRACT_KINDS)})`),
    check('contracts_status_check', sql`${t.status} in (${inList(CONTRACT_STATUSES)})`),
    check('contracts_amount_positive', sql`${t.amount} > 0`),
    check('contracts_technology_amount', sql`${t.technologyAmount} is null or (${t.technologyAmount} >= 0 and ${t.technologyAmount} <= ${t.amount})`),
    check('contracts_parties_differ', sql`${t.sellerOrgId} <> ${t.buyerOrgId}`),
    check('contracts_broker_not_party', sql`${t.brokerOrgId} is null or (${t.brokerOrgId} <> ${t.sellerOrgId} and ${t.brokerOrgId} <> ${t.buyerOrgId})`),
    check('contracts_transfer_has_result', sql`${t.kind} <> 'transfer' or ${t.resultId} is not null`),
    check('contracts_licence_is_transfer', sql`not ${t.licence} or ${t.kind} = 'transfer'`),
    check('contracts_commission_one_form', sql`${t.commissionRate} is null or ${t.commissionFixed} is null`),
    check('contracts_commission_rate_range', sql`${t.commissionRate} is null or (${t.commissionRate} >= 0 and ${t.commissionRate} <= 1)`),
    check('contracts_commission_needs_broker', sql`(${t.commissionRate} is null and ${t.commissionFixed} is null) or ${t.brokerOrgId} is not null`),
    check('contracts_registered_has_number', sql`${t.status} not in ('registered','revoked','terminated','superseded') or ${t.registrationNo} is not null`),
  ],
);

export const contractInstalments = pgTable(
  'contract_instalments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    amount: money('amount').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'reversed'] }).notNull().default('pending'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** On an amendment: the original's instalment whose payment this one carries over. */
    carriedFromId: uuid('carried_from_id'),
  },
  (t) => [
    uniqueIndex('contract_instalments_seq_key').on(t.contractId, t.seq),
    check('contract_instalments_amount_positive', sql`${t.amount} > 0`),
    check('contract_instalments_status_check', sql`${t.status} in ('pending','paid','reversed')`),
  ],
);

/** Gap-free registration numbers per (year, region): incremented in the registering transaction. */
export const registrationSequences = pgTable(
  'registration_sequences',
  {
    year: integer('year').notNull(),
    regionCode: text('region_code').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ name: 'registration_sequences_pkey', columns: [t.year, t.regionCode] })],
);

/** The immutable snapshot of a contract's figures as registered. */
export const contractRegistrations = pgTable(
  'contract_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    registrationNo: text('registration_no').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    registeredBy: uuid('registered_by').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind', { enum: CONTRACT_KINDS }).notNull(),
    licence: boolean('licence').notNull(),
    sellerOrgId: uuid('seller_org_id').notNull(),
    buyerOrgId: uuid('buyer_org_id').notNull(),
    brokerOrgId: uuid('broker_org_id'),
    resultId: uuid('result_id'),
    amount: money('amount').notNull(),
    technologyAmount: money('technology_amount'),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contract_registrations_no_key').on(t.registrationNo),
    uniqueIndex('contract_registrations_contract_key').on(t.contractId),
    /** The market statistics' range scans: by day, county (in the number) and kind (0016). */
    index('contract_registrations_stats_idx').on(t.registeredOn, sql`substr(${t.registrationNo}, 5, 6)`, t.kind),
  ],
);

export const commissions = pgTable(
  'commissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    agencyOrgId: uuid('agency_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    registrationNo: text('registration_no').notNull(),
    year: integer('year').notNull(),
    base: money('base').notNull(),
    rate: rate('rate'),
    amount: money('amount').notNull(),
    /** Share of the commission that buyer payments have made due so far. */
    dueAmount: money('due_amount').notNull().default(sql`0`),
    status: text('status', { enum: ['accrued', 'invoiced', 'paid', 'cancelled', 'refund_due'] }).notNull().default('accrued'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('commissions_contract_key').on(t.contractId),
    index('commissions_agency_idx').on(t.agencyOrgId, t.year, t.status),
    check('commissions_status_check', sql`${t.status} in ('accrued','invoiced','paid','cancelled','refund_due')`),
    check('commissions_amount_check', sql`${t.amount} >= 0 and ${t.dueAmount} >= 0 and ${t.dueAmount} <= ${t.amount}`),
  ],
);

export type Contract = typeof contracts.$inferSelect;

/**
 * One attempt to pay one instalment: a Stripe Checkout Session, or a transfer the
 * seller records by hand. Its status is derived from what Stripe reported (see
 * domain/payments/settlement.ts), never incremented, so replays change nothing.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    instalmentId: uuid('instalment_id')
      .notNull()
      .references(() => contractInstalments.id, { onDelete: 'restrict' }),
    provider: text('provider', { enum: ['stripe', 'manual'] }).notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull().default('cny'),
    status: text('status', { enum: ['pending', 'paid', 'refunded', 'expired'] }).notNull().default('pending'),
    stripeSessionId: text('stripe_session_id'),
    stripePaymentIntentId: text('stripe_payment_intent_id'),
    checkoutUrl: text('checkout_url'),
    /** A bank reference for a payment recorded by hand. */
    reference: text('reference'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_stripe_session_key').on(t.stripeSessionId),
    index('payments_payment_intent_idx').on(t.stripePaymentIntentId),
    index('payments_instalment_idx').on(t.instalmentId),
    check('payments_amount_positive', sql`${t.amount} > 0`),
    check('payments_status_check', sql`${t.status} in ('pending','paid','refunded','expired')`),
  ],
);

/** Every Stripe event received, once: the id is the key, so a redelivery is recognised. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    paymentId: uuid('payment_id'),
    paymentIntentId: text('payment_intent_id'),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [index('stripe_events_payment_idx').on(t.paymentId), index('stripe_events_payment_intent_idx').on(t.paymentIntentId)],
);

/** `Idempotency-Key` on money writes: the first answer, replayed for the same key and body. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    body: jsonb('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pkey', columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Policy versions as data (domain/grants/policy.ts `PolicyJson`); every grant names the one it was computed under. */
export const policies = pgTable('policies', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  withdrawnOn: date('withdrawn_on', { mode: 'string' }),
  body: jsonb('body').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** An agency's filing (备案) at a level; what clauses B1–B3 read. */
export const agencyFilings = pgTable(
  'agency_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyOrgId: uuid('agency_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    level: text('level', { enum: ['national', 'provincial', 'municipal'] }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    newlyRecognized: boolean('newly_recognized').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('agency_filings_agency_idx').on(t.agencyOrgId), check('agency_filings_level_check', sql`${t.level} in ('national','provincial','municipal')`)],
);

export const GRANT_STATUSES = ['computed', 'submitted', 'approved', 'rejected', 'paid'] as const;

/**
 * One figure per (clause, recipient, year): recomputed in place while computed or
 * submitted; after a decision, changes become grant_adjustments instead.
 */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clause: text('clause', { enum: ['A1', 'A2', 'B1', 'B2', 'B3'] }).notNull(),
    recipientOrgId: uuid('recipient_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    policyId: text('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'restrict' }),
    basis: text('basis').notNull(),
    base: money('base').notNull(),
    rate: rate('rate').notNull(),
    cap: money('cap').notNull(),
    rawAmount: text('raw_amount').notNull(),
    /** The engine's figure (frozen once decided). */
    amount: money('amount').notNull(),
    contracts: jsonb('contracts').notNull(),
    explanation: jsonb('explanation').notNull(),
    status: text('status', { enum: GRANT_STATUSES }).notNull().default('computed'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    computations: integer('computations').notNull().default(1),
    appliedBy: uuid('applied_by').references(() => users.id, { onDelete: 'set null' }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    bankAccount: text('bank_account'),
    bankConfirmedAt: timestamp('bank_confirmed_at', { withTimezone: true }),
    approvedAmount: money('approved_amount'),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    paidBy: uuid('paid_by').references(() => users.id, { onDelete: 'set null' }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentReference: text('payment_reference'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grants_key').on(t.clause, t.recipientOrgId, t.year),
    index('grants_review_idx').on(t.year, t.status, t.clause),
    index('grants_recipient_idx').on(t.recipientOrgId, t.year),
    check('grants_status_check', sql`${t.status} in ('computed','submitted','approved','rejected','paid')`),
    check('grants_amount_check', sql`${t.amount} >= 0 and ${t.amount} <= ${t.cap}`),
    check('grants_approved_check', sql`${t.approvedAmount} is null or (${t.approvedAmount} >= 0 and ${t.approvedAmount} <= ${t.amount})`),
    check('grants_four_eyes', sql`${t.paidBy} is null or ${t.approvedBy} is null or ${t.paidBy} <> ${t.approvedBy}`),
  ],
);

/** A change to a decided grant: positive, or negative for a recovery. Never edits the decided figure. */
export const grantAdjustments = pgTable(
  'grant_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    policyId: text('policy_id').notNull(),
    /** The engine's new figure, and the difference from the figure before it. */
    amount: money('amount').notNull(),
    delta: money('delta').notNull(),
    contracts: jsonb('contracts').notNull(),
    explanation: jsonb('explanation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('grant_adjustments_grant_idx').on(t.grantId, t.createdAt)],
);

/** The bureau's annual budget for grants. */
export const grantBudgets = pgTable('grant_budgets', {
  year: integer('year').primaryKey(),
  amount: money('amount').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Job workers' heartbeats: a sweeper unlocks the jobs of workers that stopped beating (killed). */
export const workerHeartbeats = pgTable('worker_heartbeats', {
  workerId: text('worker_id').primaryKey(),
  pid: integer('pid').notNull(),
  lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
});

/** A technology demand (技术需求) an enterprise posts: published until closed or its deadline passes. */
export const demands = pgTable(
  'demands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    field: text('field', { enum: RESULT_FIELDS }).notNull(),
    /** Technical indicators the solution must meet, one per entry ("耐温 ≥ 200 ℃"). */
    indicators: text('indicators').array().notNull().default(sql`'{}'::text[]`),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** null: 面议 (to be negotiated). */
    budget: money('budget'),
    deadline: date('deadline', { mode: 'string' }),
    cooperationModes: text('cooperation_modes', { enum: TRANSFER_MODES }).array().notNull(),
    /** The least maturity the enterprise can use; null: any. */
    maturityNeeded: text('maturity_needed', { enum: MATURITIES }),
    status: text('status', { enum: DEMAND_STATUSES }).notNull().default('published'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** An agency that took the demand on (the bureau's list of unmatched demands). */
    takenByOrgId: uuid('taken_by_org_id').references(() => organizations.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    indexedVersion: integer('indexed_version').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('demands_owner_idx').on(t.ownerOrgId, t.status),
    index('demands_status_idx').on(t.status, t.deadline),
    index('demands_index_lag_idx').on(t.indexedVersion, t.version),
    check('demands_status_check', sql`${t.status} in (${inList(DEMAND_STATUSES)})`),
    check('demands_field_check', sql`${t.field} in (${inList(RESULT_FIELDS)})`),
    check('demands_budget_check', sql`${t.budget} is null or ${t.budget} > 0`),
    check('demands_modes_check', sql`cardinality(${t.cooperationModes}) > 0 and ${t.cooperationModes} <@ array[${inList(TRANSFER_MODES)}]::text[]`),
  ],
);

/** An agency's follow-up on a demand it took on. */
export const demandFollowups = pgTable(
  'demand_followups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id')
      .notNull()
      .references(() => demands.id, { onDelete: 'cascade' }),
    agencyOrgId: uuid('agency_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    note: text('note').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('demand_followups_demand_idx').on(t.demandId, t.createdAt)],
);

/** An inquiry: an enterprise on a result, or a university on a demand; an agency may join. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resultId: uuid('result_id').references(() => results.id, { onDelete: 'restrict' }),
    demandId: uuid('demand_id').references(() => demands.id, { onDelete: 'restrict' }),
    /** The listing's owner: the result's holder or the demand's enterprise. */
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    initiatorOrgId: uuid('initiator_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    status: text('status', { enum: CONVERSATION_STATUSES }).notNull().default('open'),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    closeNote: text('close_note'),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversations_owner_idx').on(t.ownerOrgId, t.status),
    index('conversations_initiator_idx').on(t.initiatorOrgId, t.status),
    index('conversations_result_idx').on(t.resultId),
    index('conversations_demand_idx').on(t.demandId),
    check('conversations_subject_check', sql`(${t.resultId} is null) <> (${t.demandId} is null)`),
    check('conversations_status_check', sql`${t.status} in (${inList(CONVERSATION_STATUSES)})`),
    check('conversations_closed_reason', sql`(${t.status} = 'closed') = (${t.closeReason} is not null)`),
    check('conversations_parties_differ', sql`${t.ownerOrgId} <> ${t.initiatorOrgId}`),
  ],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ name: 'conversation_participants_pkey', columns: [t.conversationId, t.orgId] }), index('conversation_participants_org_idx').on(t.orgId)],
);

export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderUserId: uuid('sender_user_id').references(() => users.id, { onDelete: 'set null' }),
    senderOrgId: uuid('sender_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    /** Plain text, shown as text (never as HTML). */
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_idx').on(t.conversationId, t.id), check('messages_body_length', sql`char_length(${t.body}) between 1 and 4000`)],
);

/** In-app notifications, addressed to one organisation (optionally one user in it). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_org_idx').on(t.orgId, t.readAt, t.createdAt)],
);

/** Saved searches and "tell me about new matches" for a demand or a result. */
export const savedSearches = pgTable(
  'saved_searches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SAVED_SEARCH_KINDS }).notNull(),
    name: text('name').notNull(),
    /** The search's parameters (q and filters), or the demand/result whose matches are watched. */
    query: jsonb('query').notNull(),
    subjectId: uuid('subject_id'),
    alert: boolean('alert').notNull().default(true),
    /** Ids already reported, so each new match is told once. */
    seenIds: text('seen_ids').array().notNull().default(sql`'{}'::text[]`),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('saved_searches_org_idx').on(t.orgId), check('saved_searches_kind_check', sql`${t.kind} in (${inList(SAVED_SEARCH_KINDS)})`)],
);

/** Every e-mail sent, with where the development transport wrote it. */
export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    messageId: text('message_id'),
    file: text('file'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('emails_sent_idx').on(t.sentAt)],
);

/** The audit chain's last link (one row), moved only by the sealing trigger. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint('id').primaryKey().default(1),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    lastHash: text('last_hash'),
  },
  (t) => [check('audit_chain_head_single', sql`${t.id} = 1`)],
);

/** A user's TOTP secret (RFC 6238); confirmed once the user has typed a first code. */
export const mfaTotp = pgTable(
  'mfa_totp',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    secret: text('secret').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** The last time step accepted: a code is accepted once (RFC 6238 §5.2). */
    lastStep: bigint('last_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [check('mfa_totp_secret_check', sql`${t.secret} ~ '^[A-Z2-7]{16,128}$'`)],
);

/** Single-use recovery codes; only their SHA-256 is stored. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_hash_key').on(t.userId, t.codeHash)],
);

/** Password-reset links: single use, expiring; only the SHA-256 of the token is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash), index('password_resets_user_idx').on(t.userId, t.createdAt)],
);

/**
 * Each user's choice, per notification kind (domain/notifications/kinds.ts), between in-app only
 * (`email` false) and e-mail too. A row is a choice the user made; a kind without a row follows
 * the list's default, so a kind added later, or a default changed, reaches those who never chose.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: boolean('email').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind], name: 'notification_preferences_pkey' })],
);

/** Fixed-window request counters for the rate limits (app/lib/rate-limit.server.ts), shared by every web process. */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    bucket: text('bucket').notNull(),
    /** `ip:…` or `account:…`. */
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'rate_limit_counters_pkey', columns: [t.bucket, t.key, t.windowStart] }),
    index('rate_limit_counters_window_idx').on(t.bucket, t.windowStart),
    check('rate_limit_counters_hits_check', sql`${t.hits} >= 0`),
  ],
);

/**
 * Files attached to a listing (brochure, images), a contract (the signed text) or a grant (the bank
 * certificate). The bytes live in the object store (app/lib/object-store.server.ts) under
 * `storage_key`, which is made from the row's id, never from the file name. Deleting sets
 * `deleted_at` and removes the object; the row stays for the audit trail.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The uploading organisation. */
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    subjectType: text('subject_type', { enum: DOCUMENT_SUBJECT_TYPES }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    purpose: text('purpose', { enum: DOCUMENT_PURPOSES }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('documents_storage_key_key').on(t.storageKey),
    index('documents_subject_idx').on(t.subjectType, t.subjectId, t.purpose).where(sql`${t.deletedAt} is null`),
    check('documents_subject_type_check', sql`${t.subjectType} in ('result','contract','grant')`),
    check('documents_purpose_check', sql`${t.purpose} in ('brochure','image','signed_contract','bank_certificate')`),
    check(
      'documents_purpose_subject_check',
      sql`(${t.purpose} in ('brochure','image')) = (${t.subjectType} = 'result') and (${t.purpose} = 'signed_contract') = (${t.subjectType} = 'contract') and (${t.purpose} = 'bank_certificate') = (${t.subjectType} = 'grant')`,
    ),
    check('documents_content_type_check', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png','image/webp')`),
    check('documents_size_check', sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 20971520`),
    check('documents_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('documents_file_name_check', sql`length(${t.fileName}) between 1 and 120 and ${t.fileName} !~ '[/\\\\[:cntrl:]]' and position('..' in ${t.fileName}) = 0`),
  ],
);
export type DocumentRow = typeof documents.$inferSelect;
