/**
 * The Ticket actions texts: Simplified Chinese, and English typed as it (a missing key is a type error).
 * Mounted as `ticketActions` in zh-CN.ts and en.ts.
 */
export const ticketActionsZh = {
  title: '工单操作',
};

export const ticketActionsEn: typeof ticketActionsZh = {
  title: 'Ticket actions',
};
