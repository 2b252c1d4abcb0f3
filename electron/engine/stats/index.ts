/** Pure statistics used by the analyses; each function matches an R call (see each file). */
export { mean, sumOfSquares, variance } from './descriptive';
export { chiSquaredUpperP, normalQuantile, tQuantile, twoSidedNormalP, twoSidedTP, twoSidedZ } from './distributions';
export { holmAdjust } from './holmAdjust';
export { kaplanMeier, kaplanMeierCurve, kmAtHorizons, type KmCurve } from './kaplanMeier';
export { logRank, type LogRankResult } from './logRank';
export { mannWhitneyP } from './mannWhitney';
export { pairedTest } from './pairedTest';
export { propTest, type PropTestResult } from './propTest';
export { welchTest } from './welchTest';
export { wilcoxonSignedRankP, type TestP } from './wilcoxonSignedRank';
