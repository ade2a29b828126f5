// Save and cancel of an edit form. Holding the record's lock, cancel posts to release it
// (formaction), so others see the record free at once; read-only forms only go back.
export function EditActions(p: {
  cancelHref: string
  lockToken?: string
  releaseAction?: string
  readOnly?: boolean
}) {
  return (
    <div class="flex flex-wrap gap-2">
      {p.lockToken && <input type="hidden" name="lock_token" value={p.lockToken} />}
      {!p.readOnly && (
        <button class="btn btn-primary" type="submit">
          Сохранить
        </button>
      )}
      {p.lockToken && p.releaseAction ? (
        <button class="btn" type="submit" formaction={p.releaseAction} formnovalidate>
          Отмена
        </button>
      ) : (
        <a class="btn" href={p.cancelHref}>
          {p.readOnly ? 'Назад' : 'Отмена'}
        </a>
      )}
    </div>
  )
}
