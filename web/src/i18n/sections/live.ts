/**
 * The Board texts: Simplified Chinese, and English typed as it (a missing key is a type error).
 * Mounted as `live` in zh-CN.ts and en.ts.
 */
export const liveZh = {
  title: '看板',
};

export const liveEn: typeof liveZh = {
  title: 'Board',
};
