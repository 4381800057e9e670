import { Tag } from 'antd';

/** A tier or tag as written by people (up to 40 characters): cut to its cell, whole in its tooltip. */
export function TextTag({ text, color, testId }: { text: string; color?: string; testId?: string }) {
  return (
    <Tag className="gd-text-tag" color={color} title={text} data-testid={testId}>
      {text}
    </Tag>
  );
}
