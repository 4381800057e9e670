import { Tag } from 'antd';

/** A tier or tag as written by people (up to 40 characters): cut to its cell, whole in its tooltip. */
export function TextTag({ text, color, testId }: { text: string; color?: string; testId?: string }) {
  return (
    <Tag className="gd-text-tag" color={color} title={text} data-testid={testId}>
      {text}
    </Tag>
  );
}

/**
 * Tags that wrap inside their cell. A plain flex box, not antd's Space: a Space item is as wide as
 * its content, so a long tag inside it could never be narrower than its text.
 */
export function TagList({ tags, testId }: { tags: readonly string[]; testId?: string }) {
  return (
    <div className="gd-tag-list" data-testid={testId}>
      {tags.map((tag) => (
        <TextTag key={tag} text={tag} />
      ))}
    </div>
  );
}
