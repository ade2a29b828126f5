import { Menu, type MenuItemConstructorOptions } from 'electron'

export interface MenuActions {
  changeServer(): void
  reload(ignoreCache: boolean): void
  about(): void
}

export function buildMenu(actions: MenuActions, withDevTools: boolean): Menu {
  const view: MenuItemConstructorOptions[] = [
    { label: 'Обновить', accelerator: 'F5', click: () => actions.reload(false) },
    { label: 'Обновить без кэша', accelerator: 'CmdOrCtrl+F5', click: () => actions.reload(true) },
    { type: 'separator' },
    { label: 'Крупнее', role: 'zoomIn' },
    { label: 'Мельче', role: 'zoomOut' },
    { label: 'Обычный размер', role: 'resetZoom' },
    { type: 'separator' },
    { label: 'Во весь экран', role: 'togglefullscreen' },
  ]
  if (withDevTools)
    view.push({ type: 'separator' }, { label: 'Инструменты разработчика', role: 'toggleDevTools' })

  return Menu.buildFromTemplate([
    {
      label: 'Сервер',
      submenu: [
        { label: 'Сменить адрес сервера…', click: () => actions.changeServer() },
        { type: 'separator' },
        { label: 'Выход', role: 'quit' },
      ],
    },
    {
      label: 'Правка',
      submenu: [
        { label: 'Отменить', role: 'undo' },
        { label: 'Повторить', role: 'redo' },
        { type: 'separator' },
        { label: 'Вырезать', role: 'cut' },
        { label: 'Копировать', role: 'copy' },
        { label: 'Вставить', role: 'paste' },
        { label: 'Выделить всё', role: 'selectAll' },
      ],
    },
    { label: 'Вид', submenu: view },
    { label: 'Справка', submenu: [{ label: 'О программе', click: () => actions.about() }] },
  ])
}
