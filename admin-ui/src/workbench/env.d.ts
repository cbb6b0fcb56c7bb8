/** Vite's client types: CSS side-effect imports and `import.meta.env` in the workbench. */
/// <reference types="vite/client" />
