import type { Role } from '../auth/roles.ts'

export const DEMO_PASSWORD = 'strod-demo-2026'

export const DEMO_ADMIN = {
  login: 'admin',
  full_name: 'Захаров Павел Олегович',
  role: 'admin' as Role,
  position: 'Системный администратор',
  department: 'ИТ',
}

export const DEMO_USERS: {
  login: string
  full_name: string
  role: Role
  position: string
  department: string
}[] = [
  {
    login: 'director',
    full_name: 'Соколов Андрей Викторович',
    role: 'director',
    position: 'Исполнительный директор',
    department: 'Дирекция',
  },
  {
    login: 'pm.orlova',
    full_name: 'Орлова Елена Сергеевна',
    role: 'project_manager',
    position: 'Руководитель проекта',
    department: 'Дирекция',
  },
  {
    login: 'chief.petrov',
    full_name: 'Петров Игорь Николаевич',
    role: 'site_chief',
    position: 'Начальник участка №1',
    department: 'Участок №1',
  },
  {
    login: 'chief.kuznetsov',
    full_name: 'Кузнецов Олег Павлович',
    role: 'site_chief',
    position: 'Начальник участка №2',
    department: 'Участок №2',
  },
  {
    login: 'pto.ivanova',
    full_name: 'Иванова Мария Ивановна',
    role: 'pto_engineer',
    position: 'Инженер ПТО',
    department: 'ПТО',
  },
  {
    login: 'pto.smirnov',
    full_name: 'Смирнов Денис Алексеевич',
    role: 'pto_engineer',
    position: 'Ведущий инженер ПТО',
    department: 'ПТО',
  },
  {
    login: 'foreman.volkov',
    full_name: 'Волков Сергей Дмитриевич',
    role: 'foreman',
    position: 'Прораб',
    department: 'Участок №1',
  },
  {
    login: 'foreman.lebedev',
    full_name: 'Лебедев Артём Игоревич',
    role: 'foreman',
    position: 'Прораб',
    department: 'Участок №2',
  },
  {
    login: 'store.morozova',
    full_name: 'Морозова Наталья Владимировна',
    role: 'storekeeper',
    position: 'Кладовщик',
    department: 'Склад',
  },
  {
    login: 'inspector.fedorov',
    full_name: 'Фёдоров Виктор Степанович',
    role: 'inspector',
    position: 'Инженер строительного контроля',
    department: 'ГКУ «Дирекция дорог»',
  },
  {
    login: 'viewer.belova',
    full_name: 'Белова Ольга Андреевна',
    role: 'viewer',
    position: 'Экономист',
    department: 'Бухгалтерия',
  },
]

export const DEMO_CUSTOMERS = [
  ['ГКУ МО «Мосавтодор»', '5000001525', 'Москва, ул. Кулакова, 20'],
  ['ФКУ Упрдор «Москва — Нижний Новгород»', '5001003411', 'Балашиха, ш. Энтузиастов, 1'],
  ['ФКУ Упрдор «Москва — Бобруйск»', '3664024620', 'Брянск, ул. Софьи Перовской, 68'],
  ['ФКУ «Центравтомагистраль»', '7714125897', 'Москва, Лефортовский пер., 8'],
  [
    'ГКУ «Дирекция дорожного строительства» Тверской области',
    '6950012345',
    'Тверь, ул. Смоленская, 12',
  ],
  ['ГБУ «Автомобильные дороги» г. Москвы', '7721632827', 'Москва, ул. Маршала Тухачевского, 17'],
  ['МКУ «Управление дорожного хозяйства» г. Калуги', '4027067890', 'Калуга, ул. Ленина, 93'],
  ['ГКУ «Тулаупрдор»', '7106509876', 'Тула, ул. Оборонная, 2'],
  ['ГКУ ВО «Управление автомобильных дорог»', '3328101234', 'Владимир, Октябрьский пр-т, 21'],
  ['ОГКУ «Смоленскавтодор»', '6731012345', 'Смоленск, ул. Октябрьской революции, 9'],
  ['ГКУ «Ярдорслужба»', '7604012345', 'Ярославль, ул. Свободы, 62'],
  ['ФКУ Упрдор «Северо-Запад»', '7826062821', 'Санкт-Петербург, ул. Смольного, 4'],
] as const

export const DEMO_ROADS = [
  'М-4 «Дон»',
  'М-7 «Волга»',
  'М-1 «Беларусь»',
  'М-3 «Украина»',
  'М-8 «Холмогоры»',
  'М-9 «Балтия»',
  'М-10 «Россия»',
  'А-107 ММК',
  'А-108 МБК',
  'Р-132 Калуга — Тула',
  'Р-22 «Каспий»',
  'Р-92 Калуга — Орёл',
  'Р-158 Нижний Новгород — Саратов',
  'Р-119 Орёл — Тамбов',
]
