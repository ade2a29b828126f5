import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

export const registry = new Registry()
collectDefaultMetrics({ register: registry })

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
})

export const loginFailures = new Counter({
  name: 'login_failures_total',
  help: 'Failed sign-in attempts',
  registers: [registry],
})

export const liveSockets = new Gauge({
  name: 'live_sockets',
  help: 'Open WebSocket connections of this process',
  registers: [registry],
})

export const jobDuration = new Histogram({
  name: 'job_duration_seconds',
  help: 'Background job run time by kind and outcome (done, failed, interrupted)',
  labelNames: ['kind', 'outcome'],
  buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
  registers: [registry],
})

// Read from the database when /metrics is scraped (shared by every process).
export const jobsWaiting = new Gauge({
  name: 'jobs_queue_depth',
  help: 'Background jobs by state (queued, running)',
  labelNames: ['state'],
  registers: [registry],
})
export const editLocks = new Gauge({
  name: 'edit_locks_held',
  help: 'Edit locks held right now',
  registers: [registry],
})
export const dbPool = new Gauge({
  name: 'db_pool_connections',
  help: 'PostgreSQL pool connections of this process by state (total, idle, waiting)',
  labelNames: ['state'],
  registers: [registry],
})
