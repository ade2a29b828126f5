import { readFile } from 'node:fs/promises'
import type { Db } from '../db/connect.ts'
import type { StoredFile } from './files.table.ts'
import { contentPath } from './storage.ts'

// By id only: whoever calls this has already found the record the file belongs to
// through the user (the access check is the record's, not the file's).
export const findFile = (db: Db, id: number) =>
  db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst()

// The whole content, for jobs and tests; responses stream it with sendFile().
export const readStoredFile = (uploadDir: string, file: Pick<StoredFile, 'sha256'>) =>
  readFile(contentPath(uploadDir, file.sha256))
