/**
 * The New ticket texts: Simplified Chinese, and English typed as it (a missing key is a type error).
 * Mounted as `newTicket` in zh-CN.ts and en.ts.
 */
export const newTicketZh = {
  title: '新建工单',
};

export const newTicketEn: typeof newTicketZh = {
  title: 'New ticket',
};
