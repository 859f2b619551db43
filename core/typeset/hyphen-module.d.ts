// The `hyphen` package ships no typings; this is the part the typesetter uses.
declare module 'hyphen/en-us/index.js' {
  const en: { hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string };
  export default en;
}
