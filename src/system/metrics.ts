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
