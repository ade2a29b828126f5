import { z } from 'zod'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres:\/\/|postgresql:\/\/)/, 'DATABASE_URL: file:… или postgres://…')
    .default('file:./data/strod.db'),
  // PostgreSQL only: the schema to keep the tables in (default: the server's search_path).
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA: латинские буквы, цифры, _')
    .optional(),
  UPLOAD_DIR: z.string().default('./data/uploads'),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(2048).default(50),
  // A document with the customer longer than this is overdue.
  DOCUMENT_OVERDUE_DAYS: z.coerce.number().int().min(1).max(365).default(10),
  // How remark numbers look: {code} is the project's code, {NNN} the number padded to 3 digits.
  REMARK_NUMBER_FORMAT: z.string().min(1).max(50).default('{code}-{NNN}'),
  METRICS_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Secure cookies need HTTPS; 'auto' turns them on when the request came over HTTPS.
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  // Behind Fly.io or a reverse proxy: take the client IP from Fly-Client-IP / X-Forwarded-For.
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // A shift left open longer than this was forgotten: it is closed at its start + this many hours.
  SHIFT_MAX_HOURS: z.coerce.number().int().min(1).max(48).default(14),
})

export type Config = z.infer<typeof envSchema>

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`Неверная конфигурация:\n${lines.join('\n')}`)
  }
  return parsed.data
}
