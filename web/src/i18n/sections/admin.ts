/**
 * The Administration texts: Simplified Chinese, and English typed as it (a missing key is a type error).
 * Mounted as `admin` in zh-CN.ts and en.ts.
 */
export const adminZh = {
  title: '系统管理',
};

export const adminEn: typeof adminZh = {
  title: 'Administration',
};
