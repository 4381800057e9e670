import { Input } from 'antd';
import { useEffect, useState } from 'react';

interface FilterBoxProps {
  value: string | undefined;
  onSearch: (value: string) => void;
  placeholder: string;
  width: number;
  autoFocus?: boolean;
  testId?: string;
}

/**
 * A text filter applied on Enter. It shows the address's value whenever that changes (Back, the
 * menu), and keeps the focus when its own Enter applies it.
 */
export function FilterBox({ value, onSearch, placeholder, width, autoFocus, testId }: FilterBoxProps) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      autoFocus={autoFocus}
      placeholder={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(typed) => onSearch(typed.trim())}
      style={{ width }}
      data-testid={testId}
    />
  );
}
