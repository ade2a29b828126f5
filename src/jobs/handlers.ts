import type { Config } from '../config.ts'
import type { Worker } from './worker.ts'
import { EXPORT_KIND, exportDocumentsXlsx } from '../documents/export.job.ts'

export interface JobDeps {
  config: Config
}

// Every feature's job handlers, in one place (as liveRegistry() lists every feature's streams):
//   w.register('documents.export.xlsx', exportDocumentsXlsx(deps.config))
// and a title for its page in titles.ts.
export function registerJobHandlers(w: Worker, deps: JobDeps) {
  return w.register(EXPORT_KIND, exportDocumentsXlsx(deps.config))
}
