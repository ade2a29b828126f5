import type { Db } from '../db/connect.ts'

export const documentFiles = (db: Db, documentId: number) =>
  db
    .selectFrom('document_files as df')
    .innerJoin('files as f', 'f.id', 'df.file_id')
    .leftJoin('users as u', 'u.id', 'df.created_by')
    .select([
      'df.version',
      'df.created_at',
      'f.id as file_id',
      'f.original_name',
      'f.size',
      'f.mime',
      'u.full_name as by_name',
    ])
    .where('df.document_id', '=', documentId)
    .orderBy('df.version', 'desc')
    .limit(100)
    .execute()
