import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv, Ctx } from '../app-env.ts'
import { actorOf, userOf } from '../app-env.ts'
import { audit } from '../audit/audit.ts'
import { requirePermission } from '../auth/middleware.ts'
import { nowIso } from '../db/business.ts'
import { isUniqueViolation } from '../db/connect.ts'
import { setDeleted } from '../db/soft-delete.ts'
import { redirectWithFlash } from '../lib/flash.ts'
import { parseId, readForm, requiredText, type FieldErrors, type FormValues } from '../lib/forms.ts'
import { renderError } from '../../views/layout/ErrorPage.tsx'
import { DocumentTypesPage } from '../../views/documents/DocumentTypesPage.tsx'

// The reference list of document types, kept by the administrator.
export const documentTypeRoutes = new Hono<AppEnv>()
documentTypeRoutes.use(requirePermission('documents.types'))

const typeForm = z.object({
  name: requiredText(200),
  short_name: requiredText(20),
  sort_order: z.coerce.number({ error: 'Число' }).int().min(0).max(9999).default(0),
})

async function renderPage(c: Ctx, form?: { values: FormValues; errors: FieldErrors; id?: number }) {
  const types = await c
    .get('db')
    .selectFrom('document_types')
    .select(['id', 'name', 'short_name', 'sort_order', 'deleted_at', 'version'])
    .orderBy('deleted_at', 'desc')
    .orderBy('sort_order')
    .orderBy('name')
    .limit(500)
    .execute()
  return c.render(<DocumentTypesPage user={userOf(c)} types={types} form={form} />, {
    title: 'Типы ИД',
  })
}

documentTypeRoutes.get('/', (c) => renderPage(c))

async function save(c: Ctx, id: number | null) {
  const form = await readForm(await c.req.parseBody(), typeForm)
  if (!form.ok) {
    c.status(422)
    return renderPage(c, { ...form, id: id ?? undefined })
  }
  const db = c.get('db')
  try {
    await db.transaction().execute(async (trx) => {
      const now = nowIso()
      const actor = actorOf(c)
      if (id === null) {
        const row = await trx
          .insertInto('document_types')
          .values({
            ...form.data,
            created_at: now,
            updated_at: now,
            created_by: actor.userId,
            updated_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        await audit(trx, actor, {
          action: 'document_type.create',
          entityType: 'document_type',
          entityId: row.id,
          after: row,
        })
      } else {
        const before = await trx
          .selectFrom('document_types')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
        await trx
          .updateTable('document_types')
          .set((eb) => ({
            ...form.data,
            version: eb('version', '+', 1),
            updated_at: now,
            updated_by: actor.userId,
          }))
          .where('id', '=', id)
          .execute()
        await audit(trx, actor, {
          action: 'document_type.update',
          entityType: 'document_type',
          entityId: id,
          before,
          after: form.data,
        })
      }
    })
  } catch (e) {
    if (!isUniqueViolation(e)) throw e
    c.status(422)
    return renderPage(c, {
      values: form.values,
      errors: { name: 'Такой тип уже есть' },
      id: id ?? undefined,
    })
  }
  return redirectWithFlash(c, '/admin/document-types', id === null ? 'Тип добавлен' : 'Тип изменён')
}

documentTypeRoutes.post('/', (c) => save(c, null))

async function existing(c: Ctx) {
  const id = parseId(c.req.param('id'))
  return id
    ? c.get('db').selectFrom('document_types').select('id').where('id', '=', id).executeTakeFirst()
    : undefined
}

documentTypeRoutes.post('/:id', async (c) => {
  const row = await existing(c)
  return row ? save(c, row.id) : renderError(c, 404)
})

for (const [path, deleted, message] of [
  ['delete', true, 'Тип скрыт из списков (документы с ним сохраняются)'],
  ['restore', false, 'Тип восстановлен'],
] as const) {
  documentTypeRoutes.post(`/:id/${path}`, async (c) => {
    const row = await existing(c)
    if (!row) return renderError(c, 404)
    await setDeleted(c.get('db'), actorOf(c), 'document_types', 'document_type', row.id, deleted)
    return redirectWithFlash(c, '/admin/document-types', message)
  })
}
