import pg from 'pg'

// PostgreSQL is a real component of these tests: if it is unreachable the run fails.
export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (e) {
    throw new Error(`PostgreSQL недоступен по ${url}: ${(e as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
}
