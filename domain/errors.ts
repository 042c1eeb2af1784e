/** A message in both languages the platform speaks. */
export type Msg = { zh: string; en: string };

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  /** Registering a contract that has no signed contract text (PDF) attached. */
  | 'signed_contract_missing'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unavailable';

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  signed_contract_missing: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** An expected failure with a status and a message a user can read. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly msg: Msg,
    readonly fields: Record<string, Msg> = {},
    readonly retryAfterSeconds?: number,
  ) {
    super(msg.en);
    this.status = statusOf[code];
  }
}

export const notFound = () => new AppError('not_found', { zh: '未找到', en: 'Not found' });
export const forbidden = (msg: Msg = { zh: '无权执行此操作', en: 'You may not do this' }) => new AppError('forbidden', msg);
export const unauthenticated = () => new AppError('unauthenticated', { zh: '请先登录', en: 'Please log in' });
export const conflict = (msg: Msg) => new AppError('conflict', msg);
export const invalid = (fields: Record<string, Msg>, msg: Msg = { zh: '输入有误', en: 'Invalid input' }) =>
  new AppError('validation_failed', msg, fields);
