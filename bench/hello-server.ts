// The floor for every HTTP number: the same framework and adapter answering a constant, so
// the ratio page/hello says what the app's own work (session, queries, JSX) costs.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.get('/', (c) => c.text('hello'))
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3999), hostname: '127.0.0.1' })
