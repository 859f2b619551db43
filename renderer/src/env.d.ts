// Style sheets imported for their side effect; Vite bundles them into dist/renderer/assets.
declare module '*.css';
