/** @type {import('tailwindcss').Config} */
module.exports = {
  content: ['./views/**/*.tsx', './src/**/*.tsx'],
  theme: { extend: {} },
  plugins: [],
}
