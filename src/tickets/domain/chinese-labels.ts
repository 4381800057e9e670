import type { Channel } from './channels.js';
import type { TicketStatus } from './ticket-state-machine.js';

/**
 * The Chinese names of ticket statuses and channels, as agents say them: one list for the web
 * console's catalogue and the CSV files, so a status reads the same on screen and in Excel.
 */
export const STATUS_LABELS_ZH: Readonly<Record<TicketStatus, string>> = {
  submitted: '已提交',
  pending: '待处理',
  in_progress: '处理中',
  waiting: '等待客户',
  handled: '处理完成',
  replied: '已答复',
  closed: '已关闭',
  returned: '已退回',
  cancelled: '已取消',
  merged: '已合并',
};

export const CHANNEL_LABELS_ZH: Readonly<Record<Channel, string>> = {
  phone: '电话',
  email: '邮件',
  web: '网页',
  app: 'App',
  wechat: '微信',
  chat: '在线客服',
  api: '接口',
  walk_in: '到访',
  other: '其它',
};
