import type { FieldDefinition, FieldType } from '../../../api/domain';

/** A field of the form builder as the antd form holds it: optional parts may be blank. */
export interface FieldValues {
  key: string;
  label: string;
  labelEn?: string;
  type: FieldType;
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  maxLength?: number | null;
  min?: number | null;
  max?: number | null;
}

/** Types whose length the server limits (maxLength); number and money take min and max instead. */
export const TEXT_TYPES: readonly FieldType[] = ['text', 'textarea', 'phone', 'email', 'order_number'];
export const NUMBER_TYPES: readonly FieldType[] = ['number', 'money'];

/** The key rule of the server (fieldDefinitionSchema). */
export const FIELD_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

export function toFieldValues(field: FieldDefinition): FieldValues {
  return { ...field, labelEn: field.labelEn ?? '', options: field.options ?? [] };
}

const present = (value: number | null | undefined): value is number => typeof value === 'number';

/** What the API gets: only the parts that apply to the field's type, blanks left out. */
export function toFieldDefinition(values: FieldValues): FieldDefinition {
  const labelEn = values.labelEn?.trim();
  return {
    key: values.key.trim(),
    label: values.label.trim(),
    ...(labelEn && { labelEn }),
    type: values.type,
    required: Boolean(values.required),
    ...(values.type === 'select' && { options: (values.options ?? []).map((o) => ({ value: o.value.trim(), label: o.label.trim() })) }),
    ...(TEXT_TYPES.includes(values.type) && present(values.maxLength) && { maxLength: values.maxLength }),
    ...(NUMBER_TYPES.includes(values.type) && present(values.min) && { min: values.min }),
    ...(NUMBER_TYPES.includes(values.type) && present(values.max) && { max: values.max }),
  };
}
