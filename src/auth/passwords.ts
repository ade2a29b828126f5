import { hash, verify } from '@node-rs/argon2'
import bcrypt from 'bcryptjs'

// Argon2id (the library's default algorithm) with its recommended memory/time costs.
export const hashPassword = (password: string) => hash(password)

// The desktop app stored passlib bcrypt hashes ($2b$…); an imported user signs in with the old
// password once, then needsRehash() tells the sign-in to store an Argon2id hash instead.
export const isLegacyHash = (hashValue: string) => /^\$2[aby]\$\d\d\$/.test(hashValue)
export const needsRehash = isLegacyHash

export async function verifyPassword(hashValue: string, password: string) {
  try {
    if (isLegacyHash(hashValue)) return await bcrypt.compare(password, hashValue)
    return await verify(hashValue, password)
  } catch {
    return false
  }
}

const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '0987654321',
  'qwertyuiop',
  'qwerty12345',
  'qwerty123456',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'password123',
  'password1234',
  'passw0rd123',
  'administrator',
  'admin12345',
  'admin123456',
  'iloveyou123',
  'asdfghjkl1',
  'zxcvbnm123',
  '1111111111',
  'йцукенгшщз',
  'йцукен1234',
  'пароль1234',
  'пароль12345',
  'qazwsxedcrfv',
  'abcdefghij',
])

// Russian message if the password is not acceptable, null if it is.
export function passwordProblem(password: string, login?: string): string | null {
  if (password.length < 10) return 'Пароль должен быть не короче 10 символов'
  if (password.length > 200) return 'Пароль слишком длинный'
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || /^(.)\1+$/.test(password))
    return 'Этот пароль слишком распространён, выберите другой'
  if (login && lower.includes(login.toLowerCase())) return 'Пароль не должен содержать логин'
  return null
}
