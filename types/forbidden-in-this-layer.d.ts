// core/ and renderer/ may not import Electron or Node-only libraries (design.md, "Layers").
// Their tsconfig maps such imports here, so any use of them fails the typecheck.
declare const forbiddenInThisLayer: never;
export default forbiddenInThisLayer;
