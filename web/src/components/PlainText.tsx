import type { ReactNode } from 'react';

/**
 * antd Typography.Text's markup and classes, styled by antd's stylesheet, for a line of text on
 * the list page: importing Typography there added 18 KiB to the queue's first load.
 */
export function PlainText({ secondary, strong, children, ...rest }: { secondary?: boolean; strong?: boolean; children: ReactNode; 'data-testid'?: string }) {
  return (
    <span className={secondary ? 'ant-typography ant-typography-secondary' : 'ant-typography'} {...rest}>
      {strong ? <strong>{children}</strong> : children}
    </span>
  );
}
