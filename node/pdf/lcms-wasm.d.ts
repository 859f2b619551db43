/** The part of lcms-wasm (LittleCMS compiled to WASM; the package ships no types) separation.ts uses. */
declare module 'lcms-wasm' {
  type Handle = number;
  export interface LittleCms {
    cmsOpenProfileFromMem(bytes: Uint8Array, size: number): Handle;
    cmsCreate_sRGBProfile(): Handle;
    cmsCreateLab4Profile(whitePoint: number): Handle;
    cmsCloseProfile(profile: Handle): void;
    cmsGetColorSpace(profile: Handle): number;
    cmsGetColorSpaceASCII(profile: Handle): string;
    cmsGetProfileInfoASCII(profile: Handle, info: number, language: string, country: string): string;
    cmsCreateTransform(input: Handle, inputFormat: number, output: Handle, outputFormat: number, intent: number, flags: number): Handle;
    /** Copies `pixels` pixels in and the result out (a typed array of the output format: bytes for the 8-bit formats). */
    cmsDoTransform(transform: Handle, input: Uint8Array, pixels: number): Uint8Array;
  }
  export function instantiate(options?: { locateFile?: (name: string) => string }): Promise<LittleCms>;
  export const cmsSigCmykData: number;
  export const cmsInfoDescription: number;
  export const TYPE_RGB_8: number;
  export const TYPE_CMYK_8: number;
  export const INTENT_PERCEPTUAL: number;
  export const INTENT_RELATIVE_COLORIMETRIC: number;
  export const INTENT_ABSOLUTE_COLORIMETRIC: number;
  export const cmsFLAGS_BLACKPOINTCOMPENSATION: number;
  export const cmsFLAGS_NOCACHE: number;
}
