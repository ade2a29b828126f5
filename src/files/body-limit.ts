import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../app-env.ts'
import type { Config } from '../config.ts'
import { uploadMaxBytes } from './storage.ts'

const FORM_MAX = 1024 * 1024
const MULTIPART_OVERHEAD = 64 * 1024 // boundaries, part headers and the text fields beside the file

// The app's request body limit: 1 MB, except multipart from a signed-in user, which may carry
// one file of UPLOAD_MAX_MB. Hono's bodyLimit decides on Content-Length before anything reads
// the body, so an upload route can't raise a limit applied before it: this one chooses per
// request instead, and must run after loadSession() (which reads no body).
export function requestBodyLimit(
  config: Pick<Config, 'UPLOAD_MAX_MB'>,
  onError: (c: Context<AppEnv>) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  const forms = bodyLimit({ maxSize: FORM_MAX, onError })
  const uploads = bodyLimit({ maxSize: uploadMaxBytes(config) + MULTIPART_OVERHEAD, onError })
  return async function requestBodyLimit(c, next) {
    const multipart = c.req.header('content-type')?.startsWith('multipart/form-data')
    return (multipart && c.get('user') ? uploads : forms)(c, next)
  }
}
