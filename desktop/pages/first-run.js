// The first-run page: checks the address through the preload bridge, then hands it to the app.
'use strict'

const form = document.getElementById('server-form')
const input = document.getElementById('server-url')
const statusLine = document.getElementById('status')
const connect = document.getElementById('connect')
const cancel = document.getElementById('cancel')

function show(text, kind) {
  statusLine.textContent = text
  statusLine.className = kind || ''
}

function busy(on) {
  connect.disabled = on
  input.disabled = on
}

const current = new URLSearchParams(location.search).get('current')
if (current) {
  document.getElementById('title').textContent = 'Сменить адрес сервера'
  const note = document.getElementById('current')
  note.textContent = 'Сейчас: ' + current
  note.hidden = false
  input.value = current
  input.select()
  cancel.hidden = false
  cancel.addEventListener('click', () => window.close())
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  if (!window.strod) return show('Страница открыта не в приложении «Строд-Сервис».', 'error')
  busy(true)
  show('Проверяем подключение…', 'progress')
  try {
    const checked = await window.strod.checkServer(input.value)
    if (!checked.ok) return show(checked.message, 'error')
    input.value = checked.server
    show('Сервер найден, открываем…', 'success')
    const saved = await window.strod.saveServer(checked.server)
    if (!saved.ok) show(saved.message, 'error')
  } catch (error) {
    show('Не удалось проверить адрес: ' + (error && error.message ? error.message : error), 'error')
  } finally {
    busy(false)
  }
})
