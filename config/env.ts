import { z } from 'zod';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Public base URL, used for links in invitations and for the CSRF origin check behind a proxy. */
  APP_URL: z.url().optional(),
  /** Where embedded services keep their data, keys and binaries. */
  DATA_DIR: z.string().default('.data'),
  /** Where the embedding model's files live (default DATA_DIR/models); see search/embedding/model.ts. */
  MODEL_DIR: z.string().optional(),
  /** `false` turns the embedding model off: search and matching run lexical only. */
  SEMANTIC_SEARCH: bool.default(true),
  /** External PostgreSQL; when unset the embedded server is started. */
  DATABASE_URL: z.string().optional(),
  /** External Meilisearch; when unset the embedded server is started. */
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Prefix for every index name, so several databases can share one Meilisearch (tests do). */
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default(''),
  /** Signs the session cookie; generated once under DATA_DIR when unset. */
  SESSION_SECRET: z.string().min(32).optional(),
  COOKIE_SECURE: bool.optional(),
  /** Run the job worker inside the web process (default) or only via `npm run worker`. */
  RUN_WORKER: bool.default(true),
  /** Seed the demo data on first start. */
  SEED_DEMO: bool.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Slots of the worker's own pool for grant recomputes (jobs/worker.ts `pools`). */
  GRANTS_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  TRUST_PROXY: bool.default(false),
  /** Stripe: when unset, `npm start` runs a local fake Stripe (scripts/services/fake-stripe.ts) and sets all three. */
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Another Stripe API host, e.g. the local fake (http://127.0.0.1:port); unset means api.stripe.com. */
  STRIPE_API_BASE: z.url().optional(),
  /** Outgoing mail (smtp:// or smtps://); when unset, e-mails are written as .eml files under DATA_DIR/mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//).optional(),
  MAIL_FROM: z.string().default('聊城市科技成果转移转化平台 <noreply@techtransfer.liaocheng.example>'),
  /** Where uploaded documents live: `fs` (DATA_DIR/objects, the default) or `s3` (any S3-compatible store; S3_BUCKET required). */
  OBJECT_STORE: z.enum(['fs', 's3']).default('fs'),
  /** An S3-compatible endpoint (MinIO, Ceph, OSS, COS…); unset means AWS S3 for S3_REGION. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).optional(),
  S3_REGION: z.string().default('us-east-1'),
  /** Unset: the SDK's own credential chain (environment, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `true` for most self-hosted stores (bucket in the path, not the host name). */
  S3_FORCE_PATH_STYLE: bool.default(false),
  /**
   * Multiplies every rate limit of app/lib/rate-limit.server.ts (1: the production limits). The test
   * harness raises it so a file's many searches from one address pass; 0.01 makes the limits tiny.
   */
  RATE_LIMIT_FACTOR: z.coerce.number().positive().max(1_000_000).default(1),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Parsed environment. Read lazily so tests and scripts can set variables before first use. */
export function env(): Env {
  if (!cached) {
    // An empty variable means unset (so `DATABASE_URL= npm start` uses the embedded server).
    const set = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
    const parsed = schema
      .refine((e) => e.OBJECT_STORE !== 's3' || !!e.S3_BUCKET, { path: ['S3_BUCKET'], message: 'required when OBJECT_STORE=s3' })
      .safeParse(set);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join('\n')}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests and the start script, after they set variables. */
export function resetEnv(): void {
  cached = undefined;
}
