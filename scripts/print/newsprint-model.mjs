/**
 * A printing-condition model for building a CMYK output profile from a condition's published
 * aims: the CIELAB of the paper, the four solids and the three two-colour overprints, and the
 * tone value increase (TVI) of a mid-tone patch. Used by make-newsprint-profile.mjs; checked
 * against a measured characterisation with --check (see docs/print-profile.md).
 *
 * The print is a Yule–Nielsen modified Demichel–Neugebauer mixture of the 16 primaries (every
 * combination of the four inks). The paper, solids and two-colour overprints are the aims; the
 * three- and four-colour primaries are the mean of the products that lead to them (C+M+Y from
 * (C+M)·Y, (C+Y)·M and (M+Y)·C, each ink's factor taken relative to the paper), lifted by the
 * surface reflection every real print keeps. Each ink's coverage goes through a tone curve fitted
 * so a Murray–Davies measurement of the reference patch shows the condition's TVI.
 */

const D50 = [96.422, 100, 82.521];

export function labToXyz([L, a, b]) {
  const fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
  const inv = (t) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  return [inv(fx) * D50[0], inv(fy) * D50[1], inv(fz) * D50[2]];
}

export function xyzToLab([X, Y, Z]) {
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const fx = f(X / D50[0]), fy = f(Y / D50[1]), fz = f(Z / D50[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export const deltaE76 = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);

const mul = (p, q) => p.map((v, i) => v * q[i]);
const div = (p, q) => p.map((v, i) => v / q[i]);
const mean = (list) => list[0].map((_, i) => list.reduce((s, v) => s + v[i], 0) / list.length);

/**
 * @param aims {paper, c, m, y, k, r (M+Y), g (C+Y), b (C+M)}: CIELAB D50
 * @param tvi {at: nominal tone 0–1 of the reference patch, cmy: TVI there (0–1), k: same for black}
 * @param n the Yule–Nielsen factor (1 fits FOGRA39L best of 1–2.5: see --check)
 * @param surface the share of the paper's reflectance that no ink takes away (first-surface reflection)
 */
export function createModel(aims, tvi, { n = 1, surface = 0.01 } = {}) {
  const X = Object.fromEntries(Object.entries(aims).map(([key, lab]) => [key, labToXyz(lab)]));
  const paper = X.paper;
  const lift = (xyz) => xyz.map((v, i) => v + surface * paper[i] * (1 - v / paper[i]));
  const f = { c: div(X.c, paper), m: div(X.m, paper), y: div(X.y, paper), k: div(X.k, paper) };
  const two = { cm: X.b, cy: X.g, my: X.r };
  const primaries = [];
  for (let mask = 0; mask < 16; mask++) {
    const inks = ['c', 'm', 'y', 'k'].filter((_, i) => mask & (1 << i));
    const cmy = inks.filter((i) => i !== 'k');
    let xyz;
    if (cmy.length === 0) xyz = paper;
    else if (cmy.length === 1) xyz = X[cmy[0]];
    else if (cmy.length === 2) xyz = two[cmy.join('')];
    else xyz = mean([mul(two.cm, f.y), mul(two.cy, f.m), mul(two.my, f.c)]);
    if (inks.includes('k')) xyz = cmy.length === 0 ? X.k : mul(xyz, f.k);
    primaries.push(lift(xyz).map((v) => v ** (1 / n)));
  }
  const mix = (cov) => {
    const out = [0, 0, 0];
    for (let mask = 0; mask < 16; mask++) {
      let w = 1;
      for (let i = 0; i < 4; i++) w *= mask & (1 << i) ? cov[i] : 1 - cov[i];
      if (w === 0) continue;
      for (let j = 0; j < 3; j++) out[j] += w * primaries[mask][j];
    }
    return out.map((v) => v ** n);
  };
  // A tone curve per ink, a = 1 − (1 − t)^γ, with γ fitted so that the reference patch measures
  // the aim TVI by Murray–Davies on Y (the green-filter density is close enough for the fit).
  const gammas = [0, 1, 2, 3].map((ink) => {
    const target = tvi.at + (ink === 3 ? tvi.k : tvi.cmy);
    const solid = [0, 0, 0, 0]; solid[ink] = 1;
    const ys = mix(solid)[1], yp = paper[1];
    const apparent = (g) => { const cov = [0, 0, 0, 0]; cov[ink] = 1 - (1 - tvi.at) ** g; return (yp - mix(cov)[1]) / (yp - ys); };
    let lo = 0.2, hi = 5;
    for (let i = 0; i < 60; i++) { const g = (lo + hi) / 2; if (apparent(g) < target) lo = g; else hi = g; }
    return (lo + hi) / 2;
  });
  /** CMYK in % → CIELAB D50. */
  return (cmyk) => xyzToLab(mix(cmyk.map((v, i) => 1 - (1 - v / 100) ** gammas[i])));
}
