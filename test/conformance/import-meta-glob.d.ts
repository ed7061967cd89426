// Vite's import.meta.glob, as fixtures.ts uses it (the project does not load vite/client types).
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>
}
